/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Colormaps and palette (displayless). */
#include <math.h>

#include "flx-colormap.h"

/* Relative luminance (WCAG 2.x) of sRGB in [0, 1]. */
static double
luminance (const double rgb[3])
{
  double c[3];

  for (int i = 0; i < 3; i++)
    c[i] = rgb[i] <= 0.04045 ? rgb[i] / 12.92 : pow ((rgb[i] + 0.055) / 1.055, 2.4);
  return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

static double
contrast (const double a[3],
          const double b[3])
{
  double la = luminance (a), lb = luminance (b);
  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

/* Endpoints are matplotlib's published viridis table entries 0 and 255 (6 decimals). */
static void
test_viridis_endpoints (void)
{
  double rgb[3];

  flx_colormap_eval (FLX_COLORMAP_VIRIDIS, 0, rgb);
  g_assert_cmpfloat_with_epsilon (rgb[0], 0.267004, 1e-6);
  g_assert_cmpfloat_with_epsilon (rgb[1], 0.004874, 1e-6);
  g_assert_cmpfloat_with_epsilon (rgb[2], 0.329415, 1e-6);
  flx_colormap_eval (FLX_COLORMAP_VIRIDIS, 1, rgb);
  g_assert_cmpfloat_with_epsilon (rgb[0], 0.993248, 1e-6);
  g_assert_cmpfloat_with_epsilon (rgb[1], 0.906157, 1e-6);
  g_assert_cmpfloat_with_epsilon (rgb[2], 0.143936, 1e-6);
  /* entry 128 is an anchor: exact at t = 128/255 */
  flx_colormap_eval (FLX_COLORMAP_VIRIDIS, 128 / 255.0, rgb);
  g_assert_cmpfloat_with_epsilon (rgb[1], 0.566949, 1e-6);
  /* clamped outside [0, 1] */
  flx_colormap_eval (FLX_COLORMAP_VIRIDIS, -3, rgb);
  g_assert_cmpfloat_with_epsilon (rgb[0], 0.267004, 1e-6);
  flx_colormap_eval (FLX_COLORMAP_VIRIDIS, 7, rgb);
  g_assert_cmpfloat_with_epsilon (rgb[0], 0.993248, 1e-6);
}

/* Viridis is designed with monotonically increasing lightness. */
static void
test_viridis_monotonic (void)
{
  double prev = -1;

  for (int i = 0; i <= 64; i++)
    {
      double rgb[3], l;
      flx_colormap_eval (FLX_COLORMAP_VIRIDIS, i / 64.0, rgb);
      l = luminance (rgb);
      g_assert_cmpfloat (l, >, prev);
      prev = l;
    }
}

/* Moreland (2009) cool-warm: endpoints (59,76,192), (180,4,38), neutral grey midpoint. */
static void
test_diverging (void)
{
  double rgb[3], lo[3], hi[3];

  flx_colormap_eval (FLX_COLORMAP_DIVERGING, 0, rgb);
  g_assert_cmpfloat_with_epsilon (rgb[0] * 255, 59, 1e-9);
  g_assert_cmpfloat_with_epsilon (rgb[2] * 255, 192, 1e-9);
  flx_colormap_eval (FLX_COLORMAP_DIVERGING, 1, rgb);
  g_assert_cmpfloat_with_epsilon (rgb[0] * 255, 180, 1e-9);
  g_assert_cmpfloat_with_epsilon (rgb[1] * 255, 4, 1e-9);
  flx_colormap_eval (FLX_COLORMAP_DIVERGING, 0.5, rgb);
  g_assert_cmpfloat_with_epsilon (rgb[0], rgb[1], 1e-9);
  g_assert_cmpfloat_with_epsilon (rgb[1], rgb[2], 1e-9);
  /* symmetric in lightness about the centre (within the table's 8-bit rounding) */
  for (int i = 0; i <= 16; i++)
    {
      flx_colormap_eval (FLX_COLORMAP_DIVERGING, 0.5 - i / 32.0, lo);
      flx_colormap_eval (FLX_COLORMAP_DIVERGING, 0.5 + i / 32.0, hi);
      g_assert_cmpfloat (fabs (luminance (lo) - luminance (hi)), <, 0.06);
    }
}

static void
test_lut_and_argb (void)
{
  for (int m = FLX_COLORMAP_VIRIDIS; m <= FLX_COLORMAP_DIVERGING; m++)
    {
      const guint8 *lut = flx_colormap_lut_rgba (m);
      double rgb[3];

      flx_colormap_eval (m, 1, rgb);
      g_assert_cmpint (lut[4 * 255], ==, (int) lround (rgb[0] * 255));
      g_assert_cmpint (lut[4 * 255 + 3], ==, 255);
      g_assert_true (lut == flx_colormap_lut_rgba (m)); /* built once */
      g_assert_cmphex (flx_colormap_argb (m, 0) >> 24, ==, 0xff);
      g_assert_cmphex (flx_colormap_argb (m, NAN), ==, 0); /* NaN transparent */
    }
  {
    double rgb[3];
    flx_colormap_eval (FLX_COLORMAP_VIRIDIS, NAN, rgb);
    g_assert_cmpfloat (rgb[0], ==, 0.5);
  }
}

/* Series colours stay distinguishable and readable on their background. */
static void
test_palette (void)
{
  const double white[3] = { 1, 1, 1 }, dark_bg[3] = { 0x24 / 255., 0x24 / 255., 0x24 / 255. };

  for (int dark = 0; dark <= 1; dark++)
    for (int i = 0; i < FLX_PALETTE_SIZE; i++)
      {
        double a[3], b[3];
        flx_palette_color (i, dark, a);
        g_assert_cmpfloat (contrast (a, dark ? dark_bg : white), >=, 2.0);
        for (int k = i + 1; k < FLX_PALETTE_SIZE; k++)
          {
            flx_palette_color (k, dark, b);
            g_assert_cmpfloat (fabs (a[0] - b[0]) + fabs (a[1] - b[1]) + fabs (a[2] - b[2]), >, 0.2);
          }
        /* wraps, also for negative indices */
        flx_palette_color (i + FLX_PALETTE_SIZE, dark, b);
        g_assert_cmpfloat (a[0], ==, b[0]);
        flx_palette_color (i - FLX_PALETTE_SIZE, dark, b);
        g_assert_cmpfloat (a[1], ==, b[1]);
      }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/widgets/colormap/viridis-endpoints", test_viridis_endpoints);
  g_test_add_func ("/widgets/colormap/viridis-monotonic", test_viridis_monotonic);
  g_test_add_func ("/widgets/colormap/diverging", test_diverging);
  g_test_add_func ("/widgets/colormap/lut-argb", test_lut_and_argb);
  g_test_add_func ("/widgets/colormap/palette", test_palette);
  return g_test_run ();
}
