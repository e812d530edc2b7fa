/* SPDX-License-Identifier: GPL-3.0-or-later */
/* flx-colormap.c: colormaps and the series palette.
 *
 * Viridis: anchors every 16th entry (and the last) of the 256-entry table published with
 * matplotlib (van der Walt & Smith, 2015, CC0), interpolated linearly in sRGB; the error
 * against the full table is below 1/255.
 * Diverging: Moreland's "smooth cool-warm" map, 33 anchors from Moreland (2009), "Diverging
 * Color Maps for Scientific Visualization", ISVC, as 8-bit sRGB.  Its midpoint is a neutral
 * grey, so zero stands out for signed fields.
 * Palette: Okabe & Ito (2008) colour-universal-design colours; the dark variant keeps the hue
 * of each index but lightens it, since dark blue and black vanish on dark backgrounds.
 */
#include "flx-colormap.h"

#include <math.h>

static const float viridis_anchors[][3] = {
  { 0.267004f, 0.004874f, 0.329415f }, /* 0 */
  { 0.282327f, 0.094955f, 0.417331f }, /* 16 */
  { 0.278826f, 0.175490f, 0.483397f }, /* 32 */
  { 0.258965f, 0.251537f, 0.524736f }, /* 48 */
  { 0.229739f, 0.322361f, 0.545706f }, /* 64 */
  { 0.199430f, 0.387607f, 0.554642f }, /* 80 */
  { 0.172719f, 0.448791f, 0.557885f }, /* 96 */
  { 0.149039f, 0.508051f, 0.557250f }, /* 112 */
  { 0.127568f, 0.566949f, 0.550556f }, /* 128 */
  { 0.120638f, 0.625828f, 0.533488f }, /* 144 */
  { 0.157851f, 0.683765f, 0.501686f }, /* 160 */
  { 0.246070f, 0.738910f, 0.452024f }, /* 176 */
  { 0.369214f, 0.788888f, 0.382914f }, /* 192 */
  { 0.515992f, 0.831158f, 0.294279f }, /* 208 */
  { 0.678489f, 0.863742f, 0.189503f }, /* 224 */
  { 0.845561f, 0.887322f, 0.099702f }, /* 240 */
  { 0.993248f, 0.906157f, 0.143936f }, /* 255 */
};
static const float viridis_pos[] = {
  0, 16, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 255
};

static const guint8 coolwarm_anchors[33][3] = {
  {  59,  76, 192 }, {  68,  90, 204 }, {  77, 104, 215 }, {  87, 117, 225 },
  {  98, 130, 234 }, { 108, 142, 241 }, { 119, 154, 247 }, { 130, 165, 251 },
  { 141, 176, 254 }, { 152, 185, 255 }, { 163, 194, 255 }, { 174, 201, 253 },
  { 184, 208, 249 }, { 194, 213, 244 }, { 204, 217, 238 }, { 213, 219, 230 },
  { 221, 221, 221 }, { 229, 216, 209 }, { 236, 211, 197 }, { 241, 204, 185 },
  { 245, 196, 173 }, { 247, 187, 160 }, { 247, 177, 148 }, { 247, 166, 135 },
  { 244, 154, 123 }, { 241, 141, 111 }, { 236, 127,  99 }, { 229, 112,  88 },
  { 222,  96,  77 }, { 213,  80,  66 }, { 203,  62,  56 }, { 192,  40,  47 },
  { 180,   4,  38 },
};

/**
 * flx_colormap_eval:
 * @map: the colormap
 * @t: position in [0, 1]; clamped; NaN gives mid grey
 * @rgb: (out): sRGB components in [0, 1]
 */
void
flx_colormap_eval (FlxColormap map,
                   double      t,
                   double      rgb[3])
{
  if (isnan (t))
    {
      rgb[0] = rgb[1] = rgb[2] = 0.5;
      return;
    }
  t = CLAMP (t, 0.0, 1.0);

  if (map == FLX_COLORMAP_DIVERGING)
    {
      double p = t * 32;
      int i = MIN ((int) p, 31);
      double f = p - i;
      for (int c = 0; c < 3; c++)
        rgb[c] = ((1 - f) * coolwarm_anchors[i][c] + f * coolwarm_anchors[i + 1][c]) / 255.0;
    }
  else
    {
      double p = t * 255;
      int i = MIN ((int) (p / 16), 15);
      double f = (p - viridis_pos[i]) / (viridis_pos[i + 1] - viridis_pos[i]);
      for (int c = 0; c < 3; c++)
        rgb[c] = (1 - f) * viridis_anchors[i][c] + f * viridis_anchors[i + 1][c];
    }
}

/**
 * flx_colormap_lut_rgba:
 * @map: the colormap
 *
 * Returns: (transfer none): %FLX_COLORMAP_LUT_SIZE RGBA8 entries, for GL textures and
 *   quick cairo heat maps; built once, shared, never freed
 */
const guint8 *
flx_colormap_lut_rgba (FlxColormap map)
{
  static guint8 luts[2][FLX_COLORMAP_LUT_SIZE * 4];
  static gsize done[2];
  int m = map == FLX_COLORMAP_DIVERGING ? 1 : 0;

  if (g_once_init_enter (&done[m]))
    {
      for (int i = 0; i < FLX_COLORMAP_LUT_SIZE; i++)
        {
          double rgb[3];
          flx_colormap_eval (map, i / (double) (FLX_COLORMAP_LUT_SIZE - 1), rgb);
          for (int c = 0; c < 3; c++)
            luts[m][4 * i + c] = (guint8) lround (rgb[c] * 255);
          luts[m][4 * i + 3] = 255;
        }
      g_once_init_leave (&done[m], 1);
    }
  return luts[m];
}

/**
 * flx_colormap_argb:
 * @map: the colormap
 * @t: position in [0, 1]; NaN gives transparent
 *
 * Returns: a cairo %CAIRO_FORMAT_ARGB32 pixel (opaque)
 */
guint32
flx_colormap_argb (FlxColormap map,
                   double      t)
{
  const guint8 *lut;
  int i;

  if (isnan (t))
    return 0;
  lut = flx_colormap_lut_rgba (map);
  i = (int) lround (CLAMP (t, 0.0, 1.0) * (FLX_COLORMAP_LUT_SIZE - 1));
  return 0xff000000u | ((guint32) lut[4 * i] << 16) | ((guint32) lut[4 * i + 1] << 8) | lut[4 * i + 2];
}

/* Okabe–Ito, ordered so the first colours are the most distinct on white. */
static const guint32 palette_light[FLX_PALETTE_SIZE] = {
  0x0072B2, /* blue */
  0xD55E00, /* vermillion */
  0x009E73, /* bluish green */
  0xCC79A7, /* reddish purple */
  0xE69F00, /* orange */
  0x56B4E9, /* sky blue */
  0x000000, /* black */
  0xB8A800, /* yellow, darkened: F0E442 is unreadable on white */
};
/* Same hue at each index as palette_light, lightened for dark backgrounds; index 0 takes
 * the sky blue (dark blue vanishes) and index 5 a paler sky blue to stay distinct. */
static const guint32 palette_dark[FLX_PALETTE_SIZE] = {
  0x56B4E9, /* sky blue for blue */
  0xF07F3C, /* vermillion, lightened */
  0x2FCB98, /* bluish green, lightened */
  0xE08DBA, /* reddish purple, lightened */
  0xE69F00, /* orange */
  0xA6D8F5, /* pale sky blue */
  0xFFFFFF, /* white instead of black */
  0xF0E442, /* yellow */
};

/**
 * flx_palette_color:
 * @index: series index; wraps around
 * @dark: %TRUE for the dark-background variant
 * @rgb: (out): sRGB in [0, 1]
 */
void
flx_palette_color (int      index,
                   gboolean dark,
                   double   rgb[3])
{
  guint32 c;

  index = ((index % FLX_PALETTE_SIZE) + FLX_PALETTE_SIZE) % FLX_PALETTE_SIZE;
  c = dark ? palette_dark[index] : palette_light[index];
  rgb[0] = ((c >> 16) & 0xff) / 255.0;
  rgb[1] = ((c >> 8) & 0xff) / 255.0;
  rgb[2] = (c & 0xff) / 255.0;
}
