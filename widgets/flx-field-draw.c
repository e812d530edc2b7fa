/* SPDX-License-Identifier: GPL-3.0-or-later */
/* flx-field-draw.c: cairo drawing of a 2D scalar field.
 *
 * Grid convention: nx × ny samples cover the rectangle [x0, x1] × [y0, y1] as equal cells;
 * sample (i, j) is the centre of cell i along x and j along y, with y upwards.  The heat
 * map shows cells flat (nearest neighbour), the same as the GL path, so both show the same
 * extent and no invented detail.  Contours come from marching squares over the cell centres
 * (Lorensen & Cline 1987, 2D case), saddles resolved by the cell average.
 */
#include "flx-field-draw.h"
#include "flx-ticks.h"

#include <math.h>
#include <string.h>

#define PAD 6.0

FlxFieldData *
flx_field_data_new (void)
{
  FlxFieldData *d = g_new0 (FlxFieldData, 1);

  d->auto_limits = TRUE;
  d->keep_aspect = TRUE;
  d->colormap = FLX_COLORMAP_VIRIDIS;
  d->lo = 0;
  d->hi = 1;
  d->x1 = d->y1 = 1;
  d->contour_segs = g_array_new (FALSE, FALSE, sizeof (double));
  _flx_draw_style_init_light (&d->style);
  return d;
}

void
flx_field_data_free (FlxFieldData *d)
{
  if (d == NULL)
    return;
  g_free (d->values);
  g_free (d->u);
  g_free (d->v);
  g_free (d->levels);
  g_array_unref (d->contour_segs);
  g_free (d->poly_x);
  g_free (d->poly_y);
  g_free (d->title);
  g_free (d->value_label);
  g_free (d->value_unit);
  g_free (d->x_label);
  g_free (d->y_label);
  g_free (d->axis_unit);
  g_clear_pointer (&d->image, cairo_surface_destroy);
  g_free (d);
}

void
flx_field_data_invalidate_image (FlxFieldData *d)
{
  g_clear_pointer (&d->image, cairo_surface_destroy);
}

/* Copies @values; reuses the buffer when the size is unchanged (60 fps updates). */
void
flx_field_data_set_values (FlxFieldData *d,
                           const double *values,
                           int           nx,
                           int           ny,
                           double        x0,
                           double        x1,
                           double        y0,
                           double        y1)
{
  gsize n = (gsize) MAX (nx, 0) * MAX (ny, 0);

  if (values == NULL || n == 0)
    {
      g_clear_pointer (&d->values, g_free);
      d->nx = d->ny = 0;
    }
  else
    {
      if (nx != d->nx || ny != d->ny || d->values == NULL)
        {
          g_free (d->values);
          d->values = g_new (double, n);
        }
      memcpy (d->values, values, n * sizeof (double));
      d->nx = nx;
      d->ny = ny;
    }
  d->x0 = x0; d->x1 = x1; d->y0 = y0; d->y1 = y1;
  if (!(d->x1 != d->x0) || !isfinite (d->x1 - d->x0))
    d->x0 = 0, d->x1 = 1;
  if (!(d->y1 != d->y0) || !isfinite (d->y1 - d->y0))
    d->y0 = 0, d->y1 = 1;
  flx_field_data_update_limits (d);
  flx_field_data_update_contours (d);
  flx_field_data_invalidate_image (d);
}

void
flx_field_data_update_limits (FlxFieldData *d)
{
  double a = INFINITY, b = -INFINITY;
  gsize n = (gsize) d->nx * d->ny;

  if (!d->auto_limits)
    {
      d->lo = d->fixed_lo;
      d->hi = d->fixed_hi;
      return;
    }
  for (gsize k = 0; k < n; k++)
    if (isfinite (d->values[k]))
      {
        a = MIN (a, d->values[k]);
        b = MAX (b, d->values[k]);
      }
  if (!(a <= b))
    a = 0, b = 1;
  if (d->symmetric)
    {
      double m = MAX (fabs (a), fabs (b));
      a = -m;
      b = m;
    }
  if (b - a <= 1e-300 || b - a <= fabs (b) * 1e-12)
    {
      double pad = a != 0 ? fabs (a) * 0.01 : 1;
      a -= pad;
      b += pad;
    }
  d->lo = a;
  d->hi = b;
}

static inline double
interp (double a,
        double b,
        double level)
{
  return (level - a) / (b - a);
}

void
flx_field_data_update_contours (FlxFieldData *d)
{
  double dx, dy;

  g_array_set_size (d->contour_segs, 0);
  if (d->values == NULL || d->n_levels == 0 || d->nx < 2 || d->ny < 2)
    return;
  dx = (d->x1 - d->x0) / d->nx;
  dy = (d->y1 - d->y0) / d->ny;

  for (int l = 0; l < d->n_levels; l++)
    {
      double L = d->levels[l];

      for (int j = 0; j + 1 < d->ny; j++)
        for (int i = 0; i + 1 < d->nx; i++)
          {
            /* corners: a bottom-left, b bottom-right, c top-right, e top-left */
            double a = d->values[j * d->nx + i], b = d->values[j * d->nx + i + 1];
            double c = d->values[(j + 1) * d->nx + i + 1], e = d->values[(j + 1) * d->nx + i];
            double cx = d->x0 + (i + 0.5) * dx, cy = d->y0 + (j + 0.5) * dy;
            double px[4], py[4];
            gboolean has[4];
            int n = 0;

            if (!isfinite (a) || !isfinite (b) || !isfinite (c) || !isfinite (e))
              continue;
            /* edges: 0 bottom (a-b), 1 right (b-c), 2 top (e-c), 3 left (a-e) */
            has[0] = (a >= L) != (b >= L);
            has[1] = (b >= L) != (c >= L);
            has[2] = (e >= L) != (c >= L);
            has[3] = (a >= L) != (e >= L);
            if (has[0]) { px[0] = cx + interp (a, b, L) * dx; py[0] = cy; n++; }
            if (has[1]) { px[1] = cx + dx; py[1] = cy + interp (b, c, L) * dy; n++; }
            if (has[2]) { px[2] = cx + interp (e, c, L) * dx; py[2] = cy + dy; n++; }
            if (has[3]) { px[3] = cx; py[3] = cy + interp (a, e, L) * dy; n++; }

            if (n == 2)
              {
                int k0 = -1, k1 = -1;
                for (int k = 0; k < 4; k++)
                  if (has[k]) { if (k0 < 0) k0 = k; else k1 = k; }
                double seg[4] = { px[k0], py[k0], px[k1], py[k1] };
                g_array_append_vals (d->contour_segs, seg, 4);
              }
            else if (n == 4)
              {
                double centre = (a + b + c + e) / 4;
                gboolean same = (centre >= L) == (a >= L);
                /* centre on a's side: b and e are cut off, else a and c */
                int pairs[2][2] = { { 0, same ? 1 : 3 }, { 2, same ? 3 : 1 } };
                for (int p = 0; p < 2; p++)
                  {
                    double seg[4] = { px[pairs[p][0]], py[pairs[p][0]], px[pairs[p][1]], py[pairs[p][1]] };
                    g_array_append_vals (d->contour_segs, seg, 4);
                  }
              }
          }
    }
}

/* Values mapped to [0, 1] for the GL texture; -1 marks NaN (drawn transparent). */
void
flx_field_data_normalized (const FlxFieldData *d,
                           float              *out)
{
  gsize n = (gsize) d->nx * d->ny;
  double scale = 1.0 / (d->hi - d->lo);

  for (gsize k = 0; k < n; k++)
    {
      double v = d->values[k];
      out[k] = isfinite (v) ? (float) CLAMP ((v - d->lo) * scale, 0.0, 1.0) : -1.0f;
    }
}

/**
 * flx_field_data_value_at:
 *
 * Returns: %TRUE if (@x, @y) lies on the field; *@value is that cell's value
 */
gboolean
flx_field_data_value_at (const FlxFieldData *d,
                         double              x,
                         double              y,
                         double             *value)
{
  double fx, fy;
  int i, j;

  if (d->values == NULL)
    return FALSE;
  fx = (x - d->x0) / (d->x1 - d->x0);
  fy = (y - d->y0) / (d->y1 - d->y0);
  if (!(fx >= 0 && fx <= 1 && fy >= 0 && fy <= 1))
    return FALSE;
  i = MIN ((int) (fx * d->nx), d->nx - 1);
  j = MIN ((int) (fy * d->ny), d->ny - 1);
  *value = d->values[j * d->nx + i];
  return TRUE;
}

/* Display scaling for the spatial axes: one SI prefix for both, so nm match nm. */
static double
axis_factor (const FlxFieldData *d,
             const char        **prefix)
{
  double m = MAX (MAX (fabs (d->x0), fabs (d->x1)), MAX (fabs (d->y0), fabs (d->y1)));
  return flx_si_prefix_for (m, d->axis_unit, prefix);
}

typedef struct
{
  double factor;
  const char *prefix;
  int pow10;
  double step;
} ValueFmt;

static void
value_fmt (const FlxFieldData *d,
           ValueFmt           *f)
{
  double m = MAX (fabs (d->lo), fabs (d->hi));

  f->pow10 = 0;
  f->factor = flx_si_prefix_for (m, d->value_unit, &f->prefix);
  if (!flx_unit_allows_prefix (d->value_unit) && m > 0 && (m >= 1e4 || m < 1e-2))
    {
      f->pow10 = (int) floor (log10 (m) / 3 + 1e-9) * 3;
      f->factor = pow (10, f->pow10);
    }
}

void
flx_field_layout_compute (cairo_t        *cr,
                          FlxFieldData   *d,
                          double          width,
                          double          height,
                          FlxFieldLayout *l)
{
  double fs = d->style.font_size * (d->large_text ? 1.5 : 1.0), tfs = fs * 0.92;
  double left, right, top, bottom, th, wlab, wmax = 0, aw, ah;
  const char *prefix;
  double factor = axis_factor (d, &prefix);
  FlxTick ticks[FLX_TICKS_MAX];
  double step;
  int n;
  ValueFmt vf;

  memset (l, 0, sizeof *l);
  l->width = width;
  l->height = height;
  l->font_size = fs;
  _flx_text_size (cr, &d->style, "0", tfs, FALSE, NULL, &th);

  /* y tick labels decide the left margin */
  n = flx_ticks_linear (MIN (d->y0, d->y1) / factor, MAX (d->y0, d->y1) / factor, 6, ticks, FLX_TICKS_MAX, &step);
  for (int i = 0; i < n; i++)
    if (ticks[i].major)
      {
        g_autofree char *s = flx_format_tick (ticks[i].value, step);
        double w;
        _flx_text_size (cr, &d->style, s, tfs, FALSE, &w, NULL);
        wmax = MAX (wmax, w);
      }
  left = PAD + 1.4 * fs + wmax + 0.5 * fs;
  l->ytick_w = wmax;
  l->tick_h = th;
  bottom = PAD + 1.5 * fs + th + 0.5 * fs;
  top = PAD + (d->title && *d->title ? 1.8 * fs : 0.6 * fs);

  /* colour bar: gap, bar, tick labels, rotated title */
  value_fmt (d, &vf);
  n = flx_ticks_linear (d->lo / vf.factor, d->hi / vf.factor, 6, ticks, FLX_TICKS_MAX, &step);
  wmax = 0;
  for (int i = 0; i < n; i++)
    if (ticks[i].major)
      {
        g_autofree char *s = flx_format_tick (ticks[i].value, step);
        _flx_text_size (cr, &d->style, s, tfs, FALSE, &wlab, NULL);
        wmax = MAX (wmax, wlab);
      }
  right = 1.0 * fs + 1.0 * fs + 0.4 * fs + wmax + 0.4 * fs + 1.4 * fs + PAD;

  aw = MAX (10, width - left - right);
  ah = MAX (10, height - top - bottom);
  l->image.x = left;
  l->image.y = top;
  l->image.w = aw;
  l->image.h = ah;
  if (d->keep_aspect)
    {
      double ratio = fabs (d->x1 - d->x0) / fabs (d->y1 - d->y0);
      if (aw / ah > ratio)
        l->image.w = ah * ratio;
      else
        l->image.h = aw / ratio;
      /* centre horizontally with the bar, vertically alone */
      l->image.x = left + (aw - l->image.w) / 2;
      l->image.y = top + (ah - l->image.h) / 2;
    }
  l->image.x = round (l->image.x);
  l->image.y = round (l->image.y);
  l->image.w = MAX (1, round (l->image.w));
  l->image.h = MAX (1, round (l->image.h));
  l->colorbar.x = l->image.x + l->image.w + 1.0 * fs;
  l->colorbar.y = l->image.y;
  l->colorbar.w = 1.0 * fs;
  l->colorbar.h = l->image.h;
}

void
flx_field_to_px (const FlxFieldData   *d,
                 const FlxFieldLayout *l,
                 double                x,
                 double                y,
                 double               *px,
                 double               *py)
{
  *px = l->image.x + (x - d->x0) / (d->x1 - d->x0) * l->image.w;
  *py = l->image.y + (1 - (y - d->y0) / (d->y1 - d->y0)) * l->image.h;
}

void
flx_field_from_px (const FlxFieldData   *d,
                   const FlxFieldLayout *l,
                   double                px,
                   double                py,
                   double               *x,
                   double               *y)
{
  *x = d->x0 + (px - l->image.x) / l->image.w * (d->x1 - d->x0);
  *y = d->y0 + (1 - (py - l->image.y) / l->image.h) * (d->y1 - d->y0);
}

static void
draw_colorbar (cairo_t              *cr,
               FlxFieldData         *d,
               const FlxFieldLayout *l)
{
  const FlxRect *B = &l->colorbar;
  double fs = l->font_size, tfs = fs * 0.92, step, wmax = 0;
  cairo_pattern_t *grad = cairo_pattern_create_linear (0, B->y + B->h, 0, B->y);
  FlxTick ticks[FLX_TICKS_MAX];
  g_autofree char *title = NULL;
  ValueFmt vf;
  int n;

  for (int i = 0; i <= 32; i++)
    {
      double rgb[3];
      flx_colormap_eval (d->colormap, i / 32.0, rgb);
      cairo_pattern_add_color_stop_rgb (grad, i / 32.0, rgb[0], rgb[1], rgb[2]);
    }
  cairo_rectangle (cr, B->x, B->y, B->w, B->h);
  cairo_set_source (cr, grad);
  cairo_fill (cr);
  cairo_pattern_destroy (grad);

  /* contour levels as marks across the bar */
  cairo_set_line_width (cr, 1);
  for (int i = 0; i < d->n_levels; i++)
    {
      double t = (d->levels[i] - d->lo) / (d->hi - d->lo);
      if (t < 0 || t > 1)
        continue;
      cairo_move_to (cr, B->x, round (B->y + (1 - t) * B->h) + 0.5);
      cairo_rel_line_to (cr, B->w, 0);
    }
  cairo_set_source_rgba (cr, 0, 0, 0, 0.8);
  cairo_stroke (cr);

  _flx_set_rgba (cr, d->style.fg, 0.75);
  cairo_rectangle (cr, B->x + 0.5, B->y + 0.5, B->w - 1, B->h - 1);
  cairo_stroke (cr);

  value_fmt (d, &vf);
  n = flx_ticks_linear (d->lo / vf.factor, d->hi / vf.factor, MAX (3, (int) (B->h / (2.8 * fs))),
                        ticks, FLX_TICKS_MAX, &step);
  for (int i = 0; i < n; i++)
    {
      double t = (ticks[i].value * vf.factor - d->lo) / (d->hi - d->lo);
      double y = round (B->y + (1 - t) * B->h) + 0.5;
      _flx_set_rgba (cr, d->style.fg, 0.75);
      cairo_move_to (cr, B->x + B->w, y);
      cairo_rel_line_to (cr, ticks[i].major ? 4 : 2, 0);
      cairo_stroke (cr);
      if (ticks[i].major)
        {
          g_autofree char *s = flx_format_tick (ticks[i].value, step);
          double w;
          _flx_set_rgba (cr, d->style.fg, 0.9);
          _flx_draw_text (cr, &d->style, s, tfs, FALSE, B->x + B->w + 0.4 * fs, y, 0, 0.5, 0, &w, NULL);
          wmax = MAX (wmax, w);
        }
    }
  title = flx_axis_title (d->value_label, d->value_unit, vf.prefix, vf.pow10);
  _flx_set_rgba (cr, d->style.fg, 1);
  _flx_draw_text (cr, &d->style, title, fs, FALSE, B->x + B->w + 0.8 * fs + wmax,
                  B->y + B->h / 2, 0.5, 0, -G_PI / 2, NULL, NULL);
}

void
flx_field_draw_frame (cairo_t              *cr,
                      FlxFieldData         *d,
                      const FlxFieldLayout *l)
{
  const FlxRect *I = &l->image;
  const char *prefix;
  double factor = axis_factor (d, &prefix), fs = l->font_size, tfs = fs * 0.92, step;
  FlxTick ticks[FLX_TICKS_MAX];
  g_autofree char *xt = flx_axis_title (d->x_label, d->axis_unit, prefix, 0);
  g_autofree char *yt = flx_axis_title (d->y_label, d->axis_unit, prefix, 0);
  int n;

  cairo_save (cr);
  if (d->style.fill_background)
    {
      _flx_set_rgba (cr, d->style.bg, 1);
      cairo_paint (cr);
    }
  cairo_set_line_width (cr, 1);

  for (int axis = 0; axis < 2; axis++)
    {
      double a = axis == 0 ? d->x0 : d->y0, b = axis == 0 ? d->x1 : d->y1;
      n = flx_ticks_linear (MIN (a, b) / factor, MAX (a, b) / factor,
                            (int) CLAMP ((axis == 0 ? I->w / (6 * fs) : I->h / (2.8 * fs)), 3, 8),
                            ticks, FLX_TICKS_MAX, &step);
      for (int i = 0; i < n; i++)
        {
          double v = ticks[i].value * factor, p, len = ticks[i].major ? 5 : 3;
          if (axis == 0)
            p = round (I->x + (v - d->x0) / (d->x1 - d->x0) * I->w) + 0.5;
          else
            p = round (I->y + (1 - (v - d->y0) / (d->y1 - d->y0)) * I->h) + 0.5;
          _flx_set_rgba (cr, d->style.fg, 0.75);
          if (axis == 0)
            { cairo_move_to (cr, p, I->y + I->h); cairo_rel_line_to (cr, 0, len); }
          else
            { cairo_move_to (cr, I->x, p); cairo_rel_line_to (cr, -len, 0); }
          cairo_stroke (cr);
          if (ticks[i].major)
            {
              g_autofree char *s = flx_format_tick (ticks[i].value, step);
              _flx_set_rgba (cr, d->style.fg, 0.9);
              if (axis == 0)
                _flx_draw_text (cr, &d->style, s, tfs, FALSE, p, I->y + I->h + 0.45 * fs, 0.5, 0, 0, NULL, NULL);
              else
                _flx_draw_text (cr, &d->style, s, tfs, FALSE, I->x - 0.5 * fs, p, 1, 0.5, 0, NULL, NULL);
            }
        }
    }
  _flx_set_rgba (cr, d->style.fg, 1);
  /* titles follow the image, which may be centred when the aspect ratio is kept */
  _flx_draw_text (cr, &d->style, xt, fs, FALSE, I->x + I->w / 2, I->y + I->h + 0.65 * fs + l->tick_h, 0.5, 0, 0, NULL, NULL);
  _flx_draw_text (cr, &d->style, yt, fs, FALSE, I->x - 0.9 * fs - l->ytick_w, I->y + I->h / 2, 0.5, 1, -G_PI / 2, NULL, NULL);
  if (d->title && *d->title)
    _flx_draw_text_fit (cr, &d->style, d->title, fs * 1.05, TRUE, l->width / 2, PAD, l->width - 2 * PAD);

  _flx_set_rgba (cr, d->style.fg, 0.75);
  cairo_rectangle (cr, I->x - 0.5, I->y - 0.5, I->w + 1, I->h + 1);
  cairo_stroke (cr);

  draw_colorbar (cr, d, l);
  if (d->values == NULL)
    {
      _flx_set_rgba (cr, d->style.fg, 0.5);
      _flx_draw_text (cr, &d->style, "No data", fs, FALSE, I->x + I->w / 2, I->y + I->h / 2, 0.5, 0.5, 0, NULL, NULL);
    }
  cairo_restore (cr);
}

/* Cairo images are limited to 32767 px a side; larger fields are sampled (nearest)
 * down to this, still far more than any screen shows. */
#define MAX_IMAGE_SIDE 8192

static void
ensure_image (FlxFieldData *d)
{
  int w, h, stride;
  double scale;

  if (d->image || d->values == NULL)
    return;
  w = MIN (d->nx, MAX_IMAGE_SIDE);
  h = MIN (d->ny, MAX_IMAGE_SIDE);
  d->image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  if (cairo_surface_status (d->image) != CAIRO_STATUS_SUCCESS)
    {
      g_clear_pointer (&d->image, cairo_surface_destroy);
      return;
    }
  stride = cairo_image_surface_get_stride (d->image);
  scale = 1.0 / (d->hi - d->lo);
  cairo_surface_flush (d->image);
  for (int r = 0; r < h; r++)
    {
      /* image row 0 is the top, i.e. the last j */
      int j = (int) ((gint64) (h - 1 - r) * d->ny / h);
      guint32 *row = (guint32 *) (cairo_image_surface_get_data (d->image) + (gsize) r * stride);
      for (int c = 0; c < w; c++)
        {
          int i = (int) ((gint64) c * d->nx / w);
          double v = d->values[(gsize) j * d->nx + i];
          row[c] = flx_colormap_argb (d->colormap, isfinite (v) ? (v - d->lo) * scale : NAN);
        }
    }
  cairo_surface_mark_dirty (d->image);
}

/* The heat map with cairo: the fallback when GL is unavailable, and for export. */
void
flx_field_draw_image (cairo_t              *cr,
                      FlxFieldData         *d,
                      const FlxFieldLayout *l)
{
  cairo_pattern_t *pattern;

  ensure_image (d);
  if (d->image == NULL)
    return;
  cairo_save (cr);
  cairo_rectangle (cr, l->image.x, l->image.y, l->image.w, l->image.h);
  cairo_clip (cr);
  cairo_translate (cr, l->image.x, l->image.y);
  cairo_scale (cr, l->image.w / cairo_image_surface_get_width (d->image),
               l->image.h / cairo_image_surface_get_height (d->image));
  cairo_set_source_surface (cr, d->image, 0, 0);
  pattern = cairo_get_source (cr);
  cairo_pattern_set_filter (pattern, CAIRO_FILTER_NEAREST);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_PAD);
  cairo_paint (cr);
  cairo_restore (cr);
}

/* Dark line with a light halo: readable on every colormap colour. */
static void
stroke_with_halo (cairo_t *cr,
                  double   width)
{
  cairo_set_line_width (cr, width + 1.6);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.55);
  cairo_stroke_preserve (cr);
  cairo_set_line_width (cr, width);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.85);
  cairo_stroke (cr);
}

void
flx_field_draw_overlay (cairo_t              *cr,
                        FlxFieldData         *d,
                        const FlxFieldLayout *l)
{
  const FlxRect *I = &l->image;
  double ls = d->large_text ? 1.5 : 1.0;

  cairo_save (cr);
  cairo_rectangle (cr, I->x, I->y, I->w, I->h);
  cairo_clip (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  /* contours */
  if (d->contour_segs->len > 0)
    {
      const double *s = (const double *) d->contour_segs->data;
      for (guint k = 0; k + 3 < d->contour_segs->len; k += 4)
        {
          double ax, ay, bx, by;
          flx_field_to_px (d, l, s[k], s[k + 1], &ax, &ay);
          flx_field_to_px (d, l, s[k + 2], s[k + 3], &bx, &by);
          cairo_move_to (cr, ax, ay);
          cairo_line_to (cr, bx, by);
        }
      stroke_with_halo (cr, 1.0 * ls);
    }

  /* vector arrows, thinned to about one per 24 px: each block shows its centre sample
   * (a regular grid for smooth fields), or its strongest sample where that lies if it is
   * much stronger, so narrow features (domain walls) are never skipped */
  if (d->u && d->v && d->vnx > 0 && d->vny > 0)
    {
      int si = MAX (1, (int) ceil (d->vnx / (I->w / 24.0)));
      int sj = MAX (1, (int) ceil (d->vny / (I->h / 24.0)));
      double cell = MIN (I->w / d->vnx * si, I->h / d->vny * sj);
      double mmax = 0, dx = (d->x1 - d->x0) / d->vnx, dy = (d->y1 - d->y0) / d->vny;

      for (gsize k = 0; k < (gsize) d->vnx * d->vny; k++)
        if (isfinite (d->u[k]) && isfinite (d->v[k]))
          mmax = MAX (mmax, hypot (d->u[k], d->v[k]));
      if (mmax > 0)
        {
          for (int bj = 0; bj < d->vny; bj += sj)
            for (int bi = 0; bi < d->vnx; bi += si)
              {
                int ci = MIN (bi + si / 2, d->vnx - 1), cj = MIN (bj + sj / 2, d->vny - 1);
                int i = ci, j = cj, bi_best = ci, bj_best = cj;
                double centre = hypot (d->u[cj * d->vnx + ci], d->v[cj * d->vnx + ci]);
                double best = -1, u, v, px, py, len, ex, ey, a;
                for (int jj = bj; jj < MIN (bj + sj, d->vny); jj++)
                  for (int ii = bi; ii < MIN (bi + si, d->vnx); ii++)
                    {
                      double m = hypot (d->u[jj * d->vnx + ii], d->v[jj * d->vnx + ii]);
                      if (isfinite (m) && m > best)
                        best = m, bi_best = ii, bj_best = jj;
                    }
                if (!(centre >= 0.5 * best))
                  i = bi_best, j = bj_best;
                u = d->u[j * d->vnx + i];
                v = d->v[j * d->vnx + i];
                if (!isfinite (u) || !isfinite (v))
                  continue;
                len = hypot (u, v) / mmax * cell * 0.85;
                if (len < 1.5)
                  continue;
                flx_field_to_px (d, l, d->x0 + (i + 0.5) * dx, d->y0 + (j + 0.5) * dy, &px, &py);
                a = atan2 (-v, u); /* screen y points down */
                /* centred on the sample */
                px -= cos (a) * len / 2;
                py -= sin (a) * len / 2;
                ex = px + cos (a) * len;
                ey = py + sin (a) * len;
                cairo_move_to (cr, px, py);
                cairo_line_to (cr, ex, ey);
                cairo_move_to (cr, ex - MIN (6, len * 0.45) * cos (a - 0.45), ey - MIN (6, len * 0.45) * sin (a - 0.45));
                cairo_line_to (cr, ex, ey);
                cairo_line_to (cr, ex - MIN (6, len * 0.45) * cos (a + 0.45), ey - MIN (6, len * 0.45) * sin (a + 0.45));
              }
          stroke_with_halo (cr, 1.2 * ls);
        }
    }

  /* overlay polyline (e.g. a tip outline) */
  if (d->n_poly > 1)
    {
      gboolean pen = FALSE;
      for (int k = 0; k < d->n_poly; k++)
        {
          double px, py;
          if (!isfinite (d->poly_x[k]) || !isfinite (d->poly_y[k]))
            {
              pen = FALSE;
              continue;
            }
          flx_field_to_px (d, l, d->poly_x[k], d->poly_y[k], &px, &py);
          if (pen) cairo_line_to (cr, px, py); else cairo_move_to (cr, px, py);
          pen = TRUE;
        }
      cairo_set_line_width (cr, 3.5 * ls);
      cairo_set_source_rgba (cr, 0, 0, 0, 0.6);
      cairo_stroke_preserve (cr);
      cairo_set_line_width (cr, 2 * ls);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.95);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

/* Crosshair at a data position (linked cursor), with the value read-out when @readout. */
void
flx_field_draw_cursor (cairo_t              *cr,
                       FlxFieldData         *d,
                       const FlxFieldLayout *l,
                       double                x,
                       double                y,
                       gboolean              readout)
{
  const FlxRect *I = &l->image;
  double px, py, value, fs = l->font_size * 0.9, w, h, bx, by;
  g_autofree char *xs = NULL, *ys = NULL, *vs = NULL, *text = NULL;

  if (!isfinite (x) || !isfinite (y))
    return;
  flx_field_to_px (d, l, x, y, &px, &py);
  if (px < I->x || px > I->x + I->w || py < I->y || py > I->y + I->h)
    return;

  cairo_save (cr);
  cairo_rectangle (cr, I->x, I->y, I->w, I->h);
  cairo_clip (cr);
  cairo_move_to (cr, I->x, round (py) + 0.5);
  cairo_line_to (cr, I->x + I->w, round (py) + 0.5);
  cairo_move_to (cr, round (px) + 0.5, I->y);
  cairo_line_to (cr, round (px) + 0.5, I->y + I->h);
  {
    static const double dash[] = { 4, 3 };
    cairo_set_dash (cr, dash, 2, 0);
  }
  stroke_with_halo (cr, 1);
  cairo_reset_clip (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  if (readout && flx_field_data_value_at (d, x, y, &value))
    {
      xs = flx_format_value (x, d->axis_unit);
      ys = flx_format_value (y, d->axis_unit);
      vs = flx_format_value (value, d->value_unit);
      text = g_strdup_printf ("%s = %s\nx = %s, y = %s", d->value_label ? d->value_label : "value", vs, xs, ys);
      _flx_text_size (cr, &d->style, text, fs, FALSE, &w, &h);
      w += fs;
      h += 0.6 * fs;
      bx = px + 12;
      by = py - h - 12;
      if (bx + w > l->width - 2)
        bx = px - 12 - w;
      if (by < 2)
        by = py + 12;
      _flx_rounded_rect (cr, bx, by, w, h, 5);
      cairo_set_source_rgba (cr, d->style.bg[0], d->style.bg[1], d->style.bg[2], 0.92);
      cairo_fill_preserve (cr);
      _flx_set_rgba (cr, d->style.fg, 0.4);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
      _flx_set_rgba (cr, d->style.fg, 1);
      _flx_draw_text (cr, &d->style, text, fs, FALSE, bx + fs / 2, by + 0.3 * fs, 0, 0, 0, NULL, NULL);
    }
  cairo_restore (cr);
}

/* Complete figure with the cairo heat map: export and tests. */
void
flx_field_draw (cairo_t      *cr,
                FlxFieldData *d,
                double        width,
                double        height)
{
  FlxFieldLayout l;

  flx_field_layout_compute (cr, d, width, height, &l);
  flx_field_draw_frame (cr, d, &l);
  flx_field_draw_image (cr, d, &l);
  flx_field_draw_overlay (cr, d, &l);
}
