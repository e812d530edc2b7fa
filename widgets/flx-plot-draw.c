/* SPDX-License-Identifier: GPL-3.0-or-later */
/* flx-plot-draw.c: everything FlxPlot shows, drawn with cairo onto any surface.
 *
 * Kept free of GtkWidget so that the widget snapshot, PNG/SVG/PDF export and the
 * displayless tests draw exactly the same figure.  Data y grows upwards; the transforms
 * below flip it into cairo's downward y (as sysprof-line-layer.c does).
 *
 * Dense series are decimated per pixel column: for each column the first, minimum,
 * maximum and last value are kept, in order, so the drawn envelope is exact while the
 * path has at most ~4 points per column (100k points become ~2–3k segments).
 */
#include "flx-plot-draw.h"
#include "flx-colormap.h"
#include "flx-ticks.h"

#include <math.h>
#include <string.h>

#define PAD 6.0

static void
series_free (gpointer p)
{
  FlxSeries *s = p;

  g_free (s->id);
  g_free (s->label);
  g_free (s->x);
  g_free (s->y);
  g_free (s->y_hi);
  g_free (s);
}

static void
annotation_free (gpointer p)
{
  FlxAnnotation *a = p;

  g_free (a->text);
  g_free (a);
}

FlxPlotData *
flx_plot_data_new (void)
{
  FlxPlotData *data = g_new0 (FlxPlotData, 1);

  data->series = g_ptr_array_new_with_free_func (series_free);
  data->annotations = g_ptr_array_new_with_free_func (annotation_free);
  data->next_annot_id = 1;
  data->legend_visible = TRUE;
  data->marker_x = 0;
  _flx_draw_style_init_light (&data->style);
  return data;
}

void
flx_plot_data_free (FlxPlotData *data)
{
  if (data == NULL)
    return;
  g_ptr_array_unref (data->series);
  g_ptr_array_unref (data->annotations);
  for (int i = 0; i < FLX_N_AXES; i++)
    {
      g_free (data->axes[i].label);
      g_free (data->axes[i].unit);
    }
  g_free (data->title);
  g_free (data->preview_text);
  g_free (data->marker_label);
  g_free (data);
}

FlxSeries *
flx_plot_data_find_series (FlxPlotData *data,
                           const char  *id)
{
  for (guint i = 0; i < data->series->len; i++)
    {
      FlxSeries *s = g_ptr_array_index (data->series, i);
      if (g_strcmp0 (s->id, id) == 0)
        return s;
    }
  return NULL;
}

/* Returns the series with @id, creating it with the next palette colour. */
FlxSeries *
flx_plot_data_ensure_series (FlxPlotData *data,
                             const char  *id)
{
  FlxSeries *s = flx_plot_data_find_series (data, id);

  if (s == NULL)
    {
      s = g_new0 (FlxSeries, 1);
      s->id = g_strdup (id);
      s->palette_index = data->series->len;
      s->y_axis = FLX_AXIS_Y;
      g_ptr_array_add (data->series, s);
    }
  return s;
}

static double *
dup_doubles (const double *v,
             gsize         n)
{
  return v && n ? g_memdup2 (v, n * sizeof (double)) : NULL;
}

void
flx_plot_data_set_xy (FlxSeries    *series,
                      const double *x,
                      const double *y,
                      const double *y_hi,
                      gsize         n)
{
  g_free (series->x);
  g_free (series->y);
  g_free (series->y_hi);
  series->n = (x && y) ? n : 0;
  series->x = dup_doubles (x, series->n);
  series->y = dup_doubles (y, series->n);
  series->y_hi = dup_doubles (y_hi, series->n);
  series->warned_log = FALSE;
  series->x_sorted = TRUE;
  for (gsize i = 0; i < series->n; i++)
    if (isnan (series->x[i]) || (i > 0 && series->x[i] < series->x[i - 1]))
      {
        series->x_sorted = FALSE;
        break;
      }
}

void
flx_plot_series_color (const FlxSeries    *series,
                       int                 index,
                       const FlxDrawStyle *style,
                       double              rgba[4])
{
  if (series->has_color)
    {
      memcpy (rgba, series->rgba, 4 * sizeof (double));
      return;
    }
  flx_palette_color (series->palette_index >= 0 ? series->palette_index : index, style->dark, rgba);
  rgba[3] = 1;
}

gboolean
flx_plot_data_uses_y2 (const FlxPlotData *data)
{
  for (guint i = 0; i < data->series->len; i++)
    if (((FlxSeries *) g_ptr_array_index (data->series, i))->y_axis == FLX_AXIS_Y2)
      return TRUE;
  for (guint i = 0; i < data->annotations->len; i++)
    if (((FlxAnnotation *) g_ptr_array_index (data->annotations, i))->y_axis == FLX_AXIS_Y2)
      return TRUE;
  return FALSE;
}

static inline void
extend (double  v,
        gboolean log,
        double *lo,
        double *hi)
{
  if (!isfinite (v) || (log && v <= 0))
    return;
  *lo = MIN (*lo, v);
  *hi = MAX (*hi, v);
}

/**
 * flx_plot_data_auto_range:
 *
 * Data extent of everything on @axis (series and marker/band annotations, so thresholds
 * stay visible), padded by 5 % on y axes.  Non-positive values are ignored on log axes.
 *
 * Returns: %FALSE when nothing is on the axis; *@lo and *@hi are then a default range
 */
gboolean
flx_plot_data_auto_range (FlxPlotData *data,
                          FlxAxisId    axis,
                          double      *lo,
                          double      *hi)
{
  gboolean log = data->axes[axis].scale == FLX_AXIS_SCALE_LOG10;
  double a = INFINITY, b = -INFINITY;

  for (guint i = 0; i < data->series->len; i++)
    {
      FlxSeries *s = g_ptr_array_index (data->series, i);

      if (axis == FLX_AXIS_X)
        for (gsize k = 0; k < s->n; k++)
          extend (s->x[k], log, &a, &b);
      else if (s->y_axis == axis)
        for (gsize k = 0; k < s->n; k++)
          {
            extend (s->y[k], log, &a, &b);
            if (s->y_hi)
              extend (s->y_hi[k], log, &a, &b);
          }
    }
  for (guint i = 0; i < data->annotations->len; i++)
    {
      FlxAnnotation *an = g_ptr_array_index (data->annotations, i);

      if (axis == FLX_AXIS_X && (an->kind == FLX_ANNOT_VLINE || an->kind == FLX_ANNOT_VBAND))
        {
          extend (an->x0, log, &a, &b);
          if (an->kind == FLX_ANNOT_VBAND)
            extend (an->x1, log, &a, &b);
        }
      else if (axis != FLX_AXIS_X && an->y_axis == axis &&
               (an->kind == FLX_ANNOT_HLINE || an->kind == FLX_ANNOT_HBAND))
        {
          extend (an->y0, log, &a, &b);
          if (an->kind == FLX_ANNOT_HBAND)
            extend (an->y1, log, &a, &b);
        }
    }

  if (!(a <= b))
    {
      *lo = log ? 1 : 0;
      *hi = log ? 10 : 1;
      return FALSE;
    }
  if (log)
    {
      double la = log10 (a), lb = log10 (b);
      double pad = axis == FLX_AXIS_X ? 0 : 0.05 * (lb - la);
      if (lb - la < 1e-9)
        pad = 0.5;
      *lo = pow (10, la - pad);
      *hi = pow (10, lb + pad);
    }
  else
    {
      double pad = axis == FLX_AXIS_X ? 0 : 0.05 * (b - a);
      if (b - a <= fabs (b) * 1e-12)
        pad = a != 0 ? fabs (a) * 0.1 : 1;
      *lo = a - pad;
      *hi = b + pad;
    }
  return TRUE;
}

static void
resolve_range (FlxPlotData *data,
               FlxAxisId    axis,
               double      *lo,
               double      *hi)
{
  FlxAxis *ax = &data->axes[axis];
  gboolean log = ax->scale == FLX_AXIS_SCALE_LOG10;

  if (ax->zoomed)
    *lo = ax->view_min, *hi = ax->view_max;
  else if (ax->fixed)
    *lo = ax->fixed_min, *hi = ax->fixed_max;
  else
    flx_plot_data_auto_range (data, axis, lo, hi);

  if (log && !(*lo > 0 && *hi > *lo))
    {
      /* fixed limits unusable on a log axis: fall back to the data */
      if (!flx_plot_data_auto_range (data, axis, lo, hi) || !(*lo > 0))
        *lo = 1, *hi = 10;
    }
  if (!(*hi > *lo) || !isfinite (*lo) || !isfinite (*hi))
    {
      double c = isfinite (*lo) ? *lo : 0;
      *lo = c - 1;
      *hi = c + 1;
    }
}

static inline double
fwd (const FlxPlotLayout *l,
     FlxAxisId            axis,
     double               v)
{
  return l->log[axis] ? log10 (v) : v;
}

double
flx_plot_layout_to_px (const FlxPlotLayout *l,
                       FlxAxisId            axis,
                       double               value)
{
  double a = fwd (l, axis, l->lo[axis]), b = fwd (l, axis, l->hi[axis]);
  double t = (fwd (l, axis, value) - a) / (b - a);

  if (axis == FLX_AXIS_X)
    return l->area.x + t * l->area.w;
  return l->area.y + (1 - t) * l->area.h;
}

double
flx_plot_layout_from_px (const FlxPlotLayout *l,
                         FlxAxisId            axis,
                         double               px)
{
  double a = fwd (l, axis, l->lo[axis]), b = fwd (l, axis, l->hi[axis]);
  double t = axis == FLX_AXIS_X ? (px - l->area.x) / l->area.w : 1 - (px - l->area.y) / l->area.h;
  double f = a + t * (b - a);

  return l->log[axis] ? pow (10, f) : f;
}

/* Display scaling of one axis: SI prefix or common power of ten, and its ticks. */
typedef struct
{
  double  factor;
  const char *prefix;
  int     pow10;
  FlxTick ticks[FLX_TICKS_MAX];
  int     n_ticks;
  double  step;   /* major step in display units */
  char   *title;
} AxisFmt;

static void
axis_fmt_init (FlxPlotData         *data,
               const FlxPlotLayout *l,
               FlxAxisId            axis,
               double               length_px,
               double               spacing_px,
               AxisFmt             *f)
{
  FlxAxis *ax = &data->axes[axis];
  double lo = l->lo[axis], hi = l->hi[axis];
  int max_major = (int) CLAMP (length_px / spacing_px, 3, 10);

  f->factor = 1;
  f->prefix = "";
  f->pow10 = 0;
  f->step = 1;
  if (l->log[axis])
    f->n_ticks = flx_ticks_log10 (lo, hi, max_major, f->ticks, FLX_TICKS_MAX);
  else
    {
      double m = MAX (fabs (lo), fabs (hi));

      f->factor = flx_si_prefix_for (m, ax->unit, &f->prefix);
      if (!flx_unit_allows_prefix (ax->unit) && m > 0 && (m >= 1e4 || m < 1e-2))
        {
          f->pow10 = (int) floor (log10 (m) / 3 + 1e-9) * 3;
          f->factor = pow (10, f->pow10);
        }
      f->n_ticks = flx_ticks_linear (lo / f->factor, hi / f->factor, max_major,
                                     f->ticks, FLX_TICKS_MAX, &f->step);
      for (int i = 0; i < f->n_ticks; i++)
        f->ticks[i].value *= f->factor;
    }
  f->title = flx_axis_title (ax->label, ax->unit, f->prefix, f->pow10);
}

static char *
tick_label (const FlxPlotLayout *l,
            FlxAxisId            axis,
            const AxisFmt       *f,
            double               v)
{
  if (l->log[axis])
    return flx_format_log_tick (v);
  return flx_format_tick (v / f->factor, f->step);
}

static double
max_tick_label_width (cairo_t             *cr,
                      FlxPlotData         *data,
                      const FlxPlotLayout *l,
                      FlxAxisId            axis,
                      const AxisFmt       *f,
                      double               fs)
{
  double wmax = 0;

  for (int i = 0; i < f->n_ticks; i++)
    if (f->ticks[i].major)
      {
        g_autofree char *s = tick_label (l, axis, f, f->ticks[i].value);
        double w;
        _flx_text_size (cr, &data->style, s, fs, FALSE, &w, NULL);
        wmax = MAX (wmax, w);
      }
  return wmax;
}

/**
 * flx_plot_layout_compute:
 * @cr: used to measure text only
 *
 * Resolves the visible ranges and the plotting rectangle for a @width × @height drawing.
 */
void
flx_plot_layout_compute (cairo_t       *cr,
                         FlxPlotData   *data,
                         double         width,
                         double         height,
                         FlxPlotLayout *l)
{
  double fs = data->style.font_size * (data->large_text ? 1.5 : 1.0);
  double tfs = fs * 0.92, th, left, right, top, bottom;
  AxisFmt *fy = g_new0 (AxisFmt, 1);

  memset (l, 0, sizeof *l);
  l->width = width;
  l->height = height;
  l->font_size = fs;
  l->line_scale = data->large_text ? 1.6 : 1.0;
  l->has_y2 = flx_plot_data_uses_y2 (data);
  for (int a = 0; a < FLX_N_AXES; a++)
    {
      l->log[a] = data->axes[a].scale == FLX_AXIS_SCALE_LOG10;
      resolve_range (data, a, &l->lo[a], &l->hi[a]);
    }
  if (!l->has_y2)
    {
      l->lo[FLX_AXIS_Y2] = l->lo[FLX_AXIS_Y];
      l->hi[FLX_AXIS_Y2] = l->hi[FLX_AXIS_Y];
      l->log[FLX_AXIS_Y2] = l->log[FLX_AXIS_Y];
    }

  _flx_text_size (cr, &data->style, "0", tfs, FALSE, NULL, &th);

  /* First guess of the area, enough to choose the number of y ticks. */
  l->area.h = MAX (10, height - 2 * PAD - 3.5 * fs - (data->title ? 1.6 * fs : 0));
  axis_fmt_init (data, l, FLX_AXIS_Y, l->area.h, 2.8 * fs, fy);
  left = PAD + max_tick_label_width (cr, data, l, FLX_AXIS_Y, fy, tfs) + 0.5 * fs;
  if (fy->title[0])
    left += 1.4 * fs;
  g_free (fy->title);

  if (l->has_y2)
    {
      axis_fmt_init (data, l, FLX_AXIS_Y2, l->area.h, 2.8 * fs, fy);
      right = PAD + max_tick_label_width (cr, data, l, FLX_AXIS_Y2, fy, tfs) + 0.5 * fs;
      if (fy->title[0])
        right += 1.4 * fs;
      g_free (fy->title);
    }
  else
    right = PAD + 1.2 * fs; /* room for half of the last x tick label */

  top = PAD + (data->title && *data->title ? 1.8 * fs : 0.6 * fs);
  bottom = PAD + th + 0.5 * fs;
  {
    g_autofree char *xt = flx_axis_title (data->axes[FLX_AXIS_X].label, data->axes[FLX_AXIS_X].unit, "", 0);
    if (xt[0])
      bottom += 1.5 * fs;
  }

  l->area.x = left;
  l->area.y = top;
  l->area.w = MAX (10, width - left - right);
  l->area.h = MAX (10, height - top - bottom);
  g_free (fy);
}

static void
set_dash (cairo_t *cr,
          FlxDash  dash,
          double   lw)
{
  static const double dashed[] = { 6, 4 }, dotted[] = { 0.1, 3 }, dashdot[] = { 6, 3, 0.1, 3 };
  double d[4];

  cairo_set_line_cap (cr, dash == FLX_DASH_SOLID ? CAIRO_LINE_CAP_BUTT : CAIRO_LINE_CAP_ROUND);
  switch (dash)
    {
    case FLX_DASH_DASHED:
      for (int i = 0; i < 2; i++) d[i] = dashed[i] * lw;
      cairo_set_dash (cr, d, 2, 0);
      break;
    case FLX_DASH_DOTTED:
      for (int i = 0; i < 2; i++) d[i] = dotted[i] * lw;
      cairo_set_dash (cr, d, 2, 0);
      break;
    case FLX_DASH_DASH_DOT:
      for (int i = 0; i < 4; i++) d[i] = dashdot[i] * lw;
      cairo_set_dash (cr, d, 4, 0);
      break;
    case FLX_DASH_SOLID:
    default:
      cairo_set_dash (cr, NULL, 0, 0);
      break;
    }
}

static inline gboolean
point_ok (const FlxPlotLayout *l,
          FlxAxisId            yaxis,
          double               x,
          double               y)
{
  return isfinite (x) && isfinite (y) &&
         !(l->log[FLX_AXIS_X] && x <= 0) && !(l->log[yaxis] && y <= 0);
}

/* Keeps cairo's fixed-point coordinates in range when zoomed far in. */
static inline double
clamp_px (double v)
{
  return CLAMP (v, -1e5, 1e5);
}

typedef struct
{
  cairo_t *cr;
  gboolean pen;
} PathState;

static inline void
path_point (PathState *ps,
            double     x,
            double     y)
{
  if (ps->pen)
    cairo_line_to (ps->cr, x, y);
  else
    cairo_move_to (ps->cr, x, y);
  ps->pen = TRUE;
}

/* Line path of one curve.  Invalid points break the line.  Returns points skipped because
 * they are not positive on a log axis. */
static gsize
path_line (cairo_t             *cr,
           const FlxPlotLayout *l,
           const FlxSeries     *s,
           const double        *ys,
           gboolean             step,
           gboolean             continuous)
{
  PathState ps = { cr, FALSE };
  gboolean decimate = s->x_sorted && !step && s->n > 2 * l->area.w;
  gsize skipped = 0;
  long col = G_MINLONG;
  double first = 0, last = 0, mn = 0, mx = 0, prev_py = 0;
  gsize imin = 0, imax = 0;

#define FLUSH_COLUMN() G_STMT_START {                                  \
    if (col != G_MINLONG) {                                            \
      double cx = col + 0.5;                                           \
      path_point (&ps, cx, first);                                     \
      if (imin < imax) { path_point (&ps, cx, mn); path_point (&ps, cx, mx); } \
      else { path_point (&ps, cx, mx); path_point (&ps, cx, mn); }     \
      path_point (&ps, cx, last);                                      \
    }                                                                  \
    col = G_MINLONG; } G_STMT_END

  for (gsize i = 0; i < s->n; i++)
    {
      double px, py;

      if (!point_ok (l, s->y_axis, s->x[i], ys[i]))
        {
          if (isfinite (s->x[i]) && isfinite (ys[i]))
            skipped++;
          if (decimate)
            FLUSH_COLUMN ();
          if (!continuous)
            ps.pen = FALSE;
          continue;
        }
      px = clamp_px (flx_plot_layout_to_px (l, FLX_AXIS_X, s->x[i]));
      py = clamp_px (flx_plot_layout_to_px (l, s->y_axis, ys[i]));
      if (decimate)
        {
          long c = (long) floor (px);
          if (c != col)
            {
              FLUSH_COLUMN ();
              col = c;
              first = last = mn = mx = py;
              imin = imax = i;
            }
          else
            {
              last = py;
              if (py < mn) { mn = py; imin = i; }
              if (py > mx) { mx = py; imax = i; }
            }
        }
      else if (step && ps.pen)
        {
          cairo_line_to (cr, px, prev_py);
          cairo_line_to (cr, px, py);
        }
      else
        path_point (&ps, px, py);
      prev_py = py;
    }
  if (decimate)
    FLUSH_COLUMN ();
#undef FLUSH_COLUMN
  return skipped;
}

static void
marker_shape (cairo_t *cr,
              int      shape,
              double   x,
              double   y,
              double   r)
{
  switch (shape % 4)
    {
    case 1:
      cairo_rectangle (cr, x - 0.85 * r, y - 0.85 * r, 1.7 * r, 1.7 * r);
      break;
    case 2:
      cairo_move_to (cr, x, y - 1.15 * r);
      cairo_line_to (cr, x + r, y + 0.6 * r);
      cairo_line_to (cr, x - r, y + 0.6 * r);
      cairo_close_path (cr);
      break;
    case 3:
      cairo_move_to (cr, x, y - 1.2 * r);
      cairo_line_to (cr, x + r, y);
      cairo_line_to (cr, x, y + 1.2 * r);
      cairo_line_to (cr, x - r, y);
      cairo_close_path (cr);
      break;
    default:
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      break;
    }
}

/* Markers; where many fall on the same 2×2 px cell only the first is drawn. */
static gsize
draw_markers (cairo_t             *cr,
              const FlxPlotLayout *l,
              const FlxSeries     *s,
              double               r)
{
  int gw = (int) (l->area.w / 2) + 2, gh = (int) (l->area.h / 2) + 2;
  guint8 *seen = s->n > 1000 ? g_malloc0 ((gsize) gw * gh) : NULL;
  gsize skipped = 0;

  for (gsize i = 0; i < s->n; i++)
    {
      double px, py;

      if (!point_ok (l, s->y_axis, s->x[i], s->y[i]))
        {
          if (isfinite (s->x[i]) && isfinite (s->y[i]))
            skipped++;
          continue;
        }
      px = flx_plot_layout_to_px (l, FLX_AXIS_X, s->x[i]);
      py = flx_plot_layout_to_px (l, s->y_axis, s->y[i]);
      if (px < l->area.x - r || px > l->area.x + l->area.w + r ||
          py < l->area.y - r || py > l->area.y + l->area.h + r)
        continue;
      if (seen)
        {
          int gx = CLAMP ((int) ((px - l->area.x) / 2), 0, gw - 1);
          int gy = CLAMP ((int) ((py - l->area.y) / 2), 0, gh - 1);
          if (seen[gy * gw + gx])
            continue;
          seen[gy * gw + gx] = 1;
        }
      marker_shape (cr, s->palette_index, px, py, r);
    }
  cairo_fill (cr);
  g_free (seen);
  return skipped;
}

static void
draw_fill_between (cairo_t             *cr,
                   const FlxPlotLayout *l,
                   const FlxSeries     *s)
{
  /* A filled polygon cannot be decimated by columns; a stride keeps it cheap. */
  gsize stride = MAX (1, (gsize) (s->n / (4 * MAX (l->area.w, 1))));
  gboolean pen = FALSE;
  gssize i;

  if (s->y_hi == NULL)
    return;
  for (i = 0; i < (gssize) s->n; i += stride)
    if (point_ok (l, s->y_axis, s->x[i], s->y_hi[i]) && point_ok (l, s->y_axis, s->x[i], s->y[i]))
      {
        double px = clamp_px (flx_plot_layout_to_px (l, FLX_AXIS_X, s->x[i]));
        double py = clamp_px (flx_plot_layout_to_px (l, s->y_axis, s->y_hi[i]));
        if (pen) cairo_line_to (cr, px, py); else cairo_move_to (cr, px, py);
        pen = TRUE;
      }
  for (i = ((s->n - 1) / stride) * stride; i >= 0; i -= stride)
    if (point_ok (l, s->y_axis, s->x[i], s->y_hi[i]) && point_ok (l, s->y_axis, s->x[i], s->y[i]))
      cairo_line_to (cr, clamp_px (flx_plot_layout_to_px (l, FLX_AXIS_X, s->x[i])),
                     clamp_px (flx_plot_layout_to_px (l, s->y_axis, s->y[i])));
  cairo_close_path (cr);
  cairo_fill (cr);
}

static void
annotation_color (const FlxPlotData   *data,
                  const FlxAnnotation *an,
                  double               rgba[4])
{
  if (an->has_color)
    memcpy (rgba, an->rgba, sizeof an->rgba);
  else
    memcpy (rgba, data->style.fg, sizeof an->rgba);
}

static void
draw_arrow_head (cairo_t *cr,
                 double   x0,
                 double   y0,
                 double   x1,
                 double   y1,
                 double   size)
{
  double a = atan2 (y1 - y0, x1 - x0);

  cairo_move_to (cr, x1, y1);
  cairo_line_to (cr, x1 - size * cos (a - 0.4), y1 - size * sin (a - 0.4));
  cairo_line_to (cr, x1 - size * cos (a + 0.4), y1 - size * sin (a + 0.4));
  cairo_close_path (cr);
  cairo_fill (cr);
}

static void
draw_annotations (cairo_t             *cr,
                  FlxPlotData         *data,
                  const FlxPlotLayout *l,
                  gboolean             bands)
{
  const FlxRect *A = &l->area;
  double fs = l->font_size * 0.9;

  for (guint i = 0; i < data->annotations->len; i++)
    {
      FlxAnnotation *an = g_ptr_array_index (data->annotations, i);
      gboolean is_band = an->kind == FLX_ANNOT_VBAND || an->kind == FLX_ANNOT_HBAND;
      double rgba[4], lw = 1.2 * l->line_scale;

      if (is_band != bands)
        continue;
      annotation_color (data, an, rgba);
      cairo_save (cr);
      cairo_set_line_width (cr, lw);
      set_dash (cr, an->dash, lw);

      switch (an->kind)
        {
        case FLX_ANNOT_VBAND:
        case FLX_ANNOT_HBAND:
          {
            double a0, a1;
            if (an->kind == FLX_ANNOT_VBAND)
              {
                a0 = flx_plot_layout_to_px (l, FLX_AXIS_X, an->x0);
                a1 = flx_plot_layout_to_px (l, FLX_AXIS_X, an->x1);
                cairo_rectangle (cr, MIN (a0, a1), A->y, fabs (a1 - a0), A->h);
              }
            else
              {
                a0 = flx_plot_layout_to_px (l, an->y_axis, an->y0);
                a1 = flx_plot_layout_to_px (l, an->y_axis, an->y1);
                cairo_rectangle (cr, A->x, MIN (a0, a1), A->w, fabs (a1 - a0));
              }
            _flx_set_rgba (cr, rgba, an->has_color ? 0.22 : 0.10);
            cairo_fill (cr);
            _flx_set_rgba (cr, data->style.fg, 0.85);
            if (an->kind == FLX_ANNOT_VBAND)
              _flx_draw_text (cr, &data->style, an->text, fs, FALSE, (a0 + a1) / 2, A->y + 4, 0.5, 0, 0, NULL, NULL);
            else
              _flx_draw_text (cr, &data->style, an->text, fs, FALSE, A->x + A->w / 2, (a0 + a1) / 2, 0.5, 0.5, 0, NULL, NULL);
          }
          break;

        case FLX_ANNOT_VLINE:
          {
            double x = round (flx_plot_layout_to_px (l, FLX_AXIS_X, an->x0)) + 0.5;
            cairo_move_to (cr, x, A->y);
            cairo_line_to (cr, x, A->y + A->h);
            _flx_set_rgba (cr, rgba, 0.8);
            cairo_stroke (cr);
            /* along the line, reading upwards: stays clear of band labels at the top */
            _flx_draw_text (cr, &data->style, an->text, fs, FALSE, x + 3, A->y + A->h - 4, 0, 0, -G_PI / 2, NULL, NULL);
          }
          break;

        case FLX_ANNOT_HLINE:
          {
            double y = round (flx_plot_layout_to_px (l, an->y_axis, an->y0)) + 0.5;
            cairo_move_to (cr, A->x, y);
            cairo_line_to (cr, A->x + A->w, y);
            _flx_set_rgba (cr, rgba, 0.8);
            cairo_stroke (cr);
            _flx_draw_text (cr, &data->style, an->text, fs, FALSE, A->x + A->w - 4, y - 2, 1, 1, 0, NULL, NULL);
          }
          break;

        case FLX_ANNOT_TEXT:
          _flx_set_rgba (cr, rgba, 1);
          _flx_draw_text (cr, &data->style, an->text, fs, FALSE,
                          flx_plot_layout_to_px (l, FLX_AXIS_X, an->x0),
                          flx_plot_layout_to_px (l, an->y_axis, an->y0), 0, 0.5, 0, NULL, NULL);
          break;

        case FLX_ANNOT_ARROW:
          {
            double x0 = flx_plot_layout_to_px (l, FLX_AXIS_X, an->x0);
            double y0 = flx_plot_layout_to_px (l, an->y_axis, an->y0);
            double x1 = flx_plot_layout_to_px (l, FLX_AXIS_X, an->x1);
            double y1 = flx_plot_layout_to_px (l, an->y_axis, an->y1);
            double head = 9 * l->line_scale, len = hypot (x1 - x0, y1 - y0);

            _flx_set_rgba (cr, rgba, 1);
            if (len > 1)
              {
                /* stop the shaft at the head's base so the tip stays sharp */
                cairo_move_to (cr, x0, y0);
                cairo_line_to (cr, x1 - (x1 - x0) / len * head * 0.8, y1 - (y1 - y0) / len * head * 0.8);
                cairo_stroke (cr);
                cairo_set_dash (cr, NULL, 0, 0);
                draw_arrow_head (cr, x0, y0, x1, y1, head);
              }
            _flx_draw_text (cr, &data->style, an->text, fs, FALSE, x0, y0,
                            x1 >= x0 ? 1.05 : -0.05, y1 >= y0 ? 1 : 0, 0, NULL, NULL);
          }
          break;

        default:
          break;
        }
      cairo_restore (cr);
    }
}

static gsize
draw_series (cairo_t             *cr,
             FlxPlotData         *data,
             const FlxPlotLayout *l)
{
  gsize skipped_total = 0;

  /* filled regions first so lines stay on top */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < data->series->len; i++)
      {
        FlxSeries *s = g_ptr_array_index (data->series, i);
        double rgba[4], lw = 1.6 * l->line_scale;
        gsize skipped = 0;

        if ((pass == 0) != (s->style == FLX_SERIES_FILL_BETWEEN))
          continue;
        flx_plot_series_color (s, i, &data->style, rgba);
        cairo_save (cr);
        cairo_set_line_width (cr, lw);
        cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
        set_dash (cr, s->dash, lw);

        switch (s->style)
          {
          case FLX_SERIES_FILL_BETWEEN:
            _flx_set_rgba (cr, rgba, 0.28);
            draw_fill_between (cr, l, s);
            break;
          case FLX_SERIES_LINE:
          case FLX_SERIES_STEP:
          case FLX_SERIES_LINE_MARKERS:
            _flx_set_rgba (cr, rgba, 1);
            skipped = path_line (cr, l, s, s->y, s->style == FLX_SERIES_STEP, FALSE);
            cairo_stroke (cr);
            if (s->style == FLX_SERIES_LINE_MARKERS)
              draw_markers (cr, l, s, 3.2 * l->line_scale);
            break;
          case FLX_SERIES_MARKERS:
          default:
            _flx_set_rgba (cr, rgba, 1);
            skipped = draw_markers (cr, l, s, 3.2 * l->line_scale);
            break;
          }
        cairo_restore (cr);

        if (skipped > 0 && !s->warned_log)
          {
            /* A message, not a warning: a user switching to log scale is not a bug. */
            g_message ("Plot series “%s”: %" G_GSIZE_FORMAT " points ≤ 0 not shown on log axis",
                       s->label ? s->label : s->id, skipped);
            s->warned_log = TRUE;
          }
        skipped_total += skipped;
      }
  return skipped_total;
}

static void
draw_axes (cairo_t             *cr,
           FlxPlotData         *data,
           const FlxPlotLayout *l)
{
  const FlxRect *A = &l->area;
  double fs = l->font_size, tfs = fs * 0.92;
  double tick = 5 * l->line_scale, minor = 3 * l->line_scale;
  AxisFmt *f = g_new0 (AxisFmt, 1);
  FlxAxisId axes[] = { FLX_AXIS_X, FLX_AXIS_Y, FLX_AXIS_Y2 };

  cairo_save (cr);
  cairo_set_line_width (cr, 1.0 * l->line_scale);

  for (guint k = 0; k < G_N_ELEMENTS (axes); k++)
    {
      FlxAxisId a = axes[k];
      gboolean is_x = a == FLX_AXIS_X;
      double tw_max = 0;

      if (a == FLX_AXIS_Y2 && !l->has_y2)
        continue;
      axis_fmt_init (data, l, a, is_x ? A->w : A->h, is_x ? 5.5 * fs : 2.8 * fs, f);

      for (int i = 0; i < f->n_ticks; i++)
        {
          double p = round (flx_plot_layout_to_px (l, a, f->ticks[i].value)) + 0.5;
          double len = f->ticks[i].major ? tick : minor;

          /* grid for the primary axes only, faint */
          if (f->ticks[i].major && a != FLX_AXIS_Y2)
            {
              _flx_set_rgba (cr, data->style.fg, 0.08);
              if (is_x) { cairo_move_to (cr, p, A->y); cairo_line_to (cr, p, A->y + A->h); }
              else      { cairo_move_to (cr, A->x, p); cairo_line_to (cr, A->x + A->w, p); }
              cairo_stroke (cr);
            }
          _flx_set_rgba (cr, data->style.fg, 0.75);
          if (is_x)
            {
              cairo_move_to (cr, p, A->y + A->h); cairo_line_to (cr, p, A->y + A->h - len);
              cairo_move_to (cr, p, A->y); cairo_line_to (cr, p, A->y + len);
            }
          else if (a == FLX_AXIS_Y)
            {
              cairo_move_to (cr, A->x, p); cairo_line_to (cr, A->x + len, p);
              if (!l->has_y2) { cairo_move_to (cr, A->x + A->w, p); cairo_line_to (cr, A->x + A->w - len, p); }
            }
          else
            {
              cairo_move_to (cr, A->x + A->w, p); cairo_line_to (cr, A->x + A->w - len, p);
            }
          cairo_stroke (cr);

          if (f->ticks[i].major)
            {
              g_autofree char *s = tick_label (l, a, f, f->ticks[i].value);
              double tw;

              _flx_set_rgba (cr, data->style.fg, 0.9);
              if (is_x)
                _flx_draw_text (cr, &data->style, s, tfs, FALSE, p, A->y + A->h + 0.35 * fs, 0.5, 0, 0, &tw, NULL);
              else if (a == FLX_AXIS_Y)
                _flx_draw_text (cr, &data->style, s, tfs, FALSE, A->x - 0.4 * fs, p, 1, 0.5, 0, &tw, NULL);
              else
                _flx_draw_text (cr, &data->style, s, tfs, FALSE, A->x + A->w + 0.4 * fs, p, 0, 0.5, 0, &tw, NULL);
              tw_max = MAX (tw_max, tw);
            }
        }

      _flx_set_rgba (cr, data->style.fg, 1);
      if (f->title[0])
        {
          if (is_x)
            _flx_draw_text (cr, &data->style, f->title, fs, FALSE, A->x + A->w / 2, l->height - PAD, 0.5, 1, 0, NULL, NULL);
          else if (a == FLX_AXIS_Y)
            _flx_draw_text (cr, &data->style, f->title, fs, FALSE, PAD, A->y + A->h / 2, 0.5, 0, -G_PI / 2, NULL, NULL);
          else
            _flx_draw_text (cr, &data->style, f->title, fs, FALSE, l->width - PAD, A->y + A->h / 2, 0.5, 0, G_PI / 2, NULL, NULL);
        }
      g_free (f->title);
    }

  /* frame */
  _flx_set_rgba (cr, data->style.fg, 0.75);
  cairo_rectangle (cr, round (A->x) + 0.5, round (A->y) + 0.5, round (A->w), round (A->h));
  cairo_stroke (cr);
  cairo_restore (cr);
  g_free (f);
}

/* Number of (sampled) data points of all series inside @r, to place the legend. */
static int
points_inside (FlxPlotData         *data,
               const FlxPlotLayout *l,
               const FlxRect       *r)
{
  int count = 0;

  for (guint i = 0; i < data->series->len; i++)
    {
      FlxSeries *s = g_ptr_array_index (data->series, i);
      gsize stride = MAX (1, s->n / 400);

      for (gsize k = 0; k < s->n; k += stride)
        for (int c = 0; c < (s->y_hi ? 2 : 1); c++)
          {
            double y = c ? s->y_hi[k] : s->y[k];
            double px, py;
            if (!point_ok (l, s->y_axis, s->x[k], y))
              continue;
            px = flx_plot_layout_to_px (l, FLX_AXIS_X, s->x[k]);
            py = flx_plot_layout_to_px (l, s->y_axis, y);
            if (px >= r->x && px <= r->x + r->w && py >= r->y && py <= r->y + r->h)
              count++;
          }
    }
  /* never cover the draggable marker's grip and label */
  if (data->marker_visible && isfinite (data->marker_x) && !(l->log[FLX_AXIS_X] && data->marker_x <= 0))
    {
      double mx = flx_plot_layout_to_px (l, FLX_AXIS_X, data->marker_x);
      if (mx >= r->x - 80 && mx <= r->x + r->w + 8)
        count += 100000;
    }
  return count;
}

static void
draw_legend (cairo_t             *cr,
             FlxPlotData         *data,
             FlxPlotLayout       *l)
{
  const FlxRect *A = &l->area;
  double fs = 0, pad = 0, sample = 0;
  double row;
  int n = 0, best = -1, best_count = G_MAXINT;
  FlxRect cand[8], box = { 0 };

  if (!data->legend_visible)
    return;
  /* Long entries (compared runs name their parameters) shrink the text a little before
   * the legend gives up. */
  for (int attempt = 0; attempt < 4; attempt++)
    {
      double tw_max = 0, th = 0;

      fs = l->font_size * 0.9 * (1.0 - 0.1 * attempt); /* down to 70 % */
      pad = 0.5 * fs;
      sample = 2.2 * fs;
      n = 0;
      for (guint i = 0; i < data->series->len; i++)
        {
          FlxSeries *s = g_ptr_array_index (data->series, i);
          double w, h;
          if (s->label == NULL || *s->label == '\0')
            continue;
          _flx_text_size (cr, &data->style, s->label, fs, FALSE, &w, &h);
          tw_max = MAX (tw_max, w);
          th = MAX (th, h);
          n++;
        }
      if (n == 0)
        return;
      row = th * 1.1;
      box.w = 3 * pad + sample + tw_max;
      box.h = 2 * pad + n * row;
      if (box.w <= A->w * 0.8 && box.h <= A->h * 0.9)
        break;
    }
  if (box.w > A->w * 0.8 || box.h > A->h * 0.9)
    return; /* no room: better no legend than one covering the data */

  /* corners first, then edge centres; the first with fewest points under it wins */
  {
    double m = 0.6 * fs;
    double xl = A->x + m, xr = A->x + A->w - m - box.w, xc = A->x + (A->w - box.w) / 2;
    double yt = A->y + m, yb = A->y + A->h - m - box.h, ym = A->y + (A->h - box.h) / 2;
    FlxRect c[8] = { { xr, yt, box.w, box.h }, { xl, yt, box.w, box.h }, { xr, yb, box.w, box.h },
                     { xl, yb, box.w, box.h }, { xc, yt, box.w, box.h }, { xc, yb, box.w, box.h },
                     { xr, ym, box.w, box.h }, { xl, ym, box.w, box.h } };
    memcpy (cand, c, sizeof c);
  }
  for (int i = 0; i < 8; i++)
    {
      int count = points_inside (data, l, &cand[i]);
      if (count < best_count)
        best = i, best_count = count;
      if (count == 0)
        break;
    }
  box = cand[best];
  l->legend = box;

  cairo_save (cr);
  _flx_rounded_rect (cr, box.x, box.y, box.w, box.h, 4);
  cairo_set_source_rgba (cr, data->style.bg[0], data->style.bg[1], data->style.bg[2], 0.85);
  cairo_fill_preserve (cr);
  _flx_set_rgba (cr, data->style.fg, 0.25);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);

  n = 0;
  for (guint i = 0; i < data->series->len; i++)
    {
      FlxSeries *s = g_ptr_array_index (data->series, i);
      double rgba[4], y, lw = 1.6 * l->line_scale;
      if (s->label == NULL || *s->label == '\0')
        continue;
      y = box.y + pad + n * row + row / 2;
      flx_plot_series_color (s, i, &data->style, rgba);
      cairo_save (cr);
      cairo_set_line_width (cr, lw);
      set_dash (cr, s->dash, lw);
      if (s->style == FLX_SERIES_FILL_BETWEEN)
        {
          _flx_set_rgba (cr, rgba, 0.35);
          cairo_rectangle (cr, box.x + pad, y - row * 0.3, sample, row * 0.6);
          cairo_fill (cr);
        }
      else
        {
          _flx_set_rgba (cr, rgba, 1);
          if (s->style != FLX_SERIES_MARKERS)
            {
              cairo_move_to (cr, box.x + pad, y);
              cairo_line_to (cr, box.x + pad + sample, y);
              cairo_stroke (cr);
            }
          if (s->style == FLX_SERIES_MARKERS || s->style == FLX_SERIES_LINE_MARKERS)
            {
              marker_shape (cr, s->palette_index, box.x + pad + sample / 2, y, 3.2 * l->line_scale);
              cairo_fill (cr);
            }
        }
      cairo_restore (cr);
      _flx_set_rgba (cr, data->style.fg, 1);
      _flx_draw_text (cr, &data->style, s->label, fs, FALSE, box.x + 2 * pad + sample, y, 0, 0.5, 0, NULL, NULL);
      n++;
    }
  cairo_restore (cr);
}

/**
 * flx_plot_draw_content:
 * @layout: (out): the geometry used, for hit testing and overlays
 *
 * Draws everything except the draggable marker, the hover read-out and linked cursors:
 * the parts the widget caches between data changes.
 */
void
flx_plot_draw_content (cairo_t       *cr,
                       FlxPlotData   *data,
                       double         width,
                       double         height,
                       FlxPlotLayout *l)
{
  gsize skipped;
  gboolean empty = TRUE;

  flx_plot_layout_compute (cr, data, width, height, l);

  cairo_save (cr);
  if (data->style.fill_background)
    {
      _flx_set_rgba (cr, data->style.bg, 1);
      cairo_paint (cr);
    }

  cairo_save (cr);
  cairo_rectangle (cr, l->area.x, l->area.y, l->area.w, l->area.h);
  cairo_clip (cr);
  draw_annotations (cr, data, l, TRUE);
  skipped = draw_series (cr, data, l);
  draw_annotations (cr, data, l, FALSE);
  cairo_restore (cr);

  draw_axes (cr, data, l);

  if (data->title && *data->title)
    {
      _flx_set_rgba (cr, data->style.fg, 1);
      _flx_draw_text_fit (cr, &data->style, data->title, l->font_size * 1.05, TRUE,
                          width / 2, PAD, width - 2 * PAD);
    }

  for (guint i = 0; i < data->series->len; i++)
    if (((FlxSeries *) g_ptr_array_index (data->series, i))->n > 0)
      empty = FALSE;
  if (empty)
    {
      _flx_set_rgba (cr, data->style.fg, 0.5);
      _flx_draw_text (cr, &data->style, "No data", l->font_size, FALSE,
                      l->area.x + l->area.w / 2, l->area.y + l->area.h / 2, 0.5, 0.5, 0, NULL, NULL);
    }
  else
    draw_legend (cr, data, l);

  if (skipped > 0)
    {
      g_autofree char *note = g_strdup_printf ("%" G_GSIZE_FORMAT " %s ≤ 0 not shown (log axis)", skipped,
                                                skipped == 1 ? "point" : "points");
      _flx_set_rgba (cr, data->style.fg, 0.7);
      _flx_draw_text (cr, &data->style, note, l->font_size * 0.8, FALSE,
                      l->area.x + 4, l->area.y + l->area.h - 4, 0, 1, 0, NULL, NULL);
    }
  if (data->preview_text && *data->preview_text)
    _flx_draw_badge (cr, &data->style, data->preview_text, l->font_size * 0.8,
                     l->area.x + 4, l->area.y + 4, 0);
  cairo_restore (cr);
}

/* The draggable marker: accent line with a grip at the top and its label. */
void
flx_plot_draw_marker (cairo_t             *cr,
                      FlxPlotData         *data,
                      const FlxPlotLayout *l,
                      gboolean             active)
{
  const FlxRect *A = &l->area;
  double x, s = l->line_scale;
  g_autofree char *text = NULL;

  if (!data->marker_visible || !isfinite (data->marker_x))
    return;
  if (l->log[FLX_AXIS_X] && data->marker_x <= 0)
    return;
  x = flx_plot_layout_to_px (l, FLX_AXIS_X, data->marker_x);
  if (x < A->x - 0.5 || x > A->x + A->w + 0.5)
    return;

  cairo_save (cr);
  _flx_set_rgba (cr, data->style.accent, 1);
  cairo_set_line_width (cr, (active ? 3 : 2) * s);
  cairo_move_to (cr, x, A->y);
  cairo_line_to (cr, x, A->y + A->h);
  cairo_stroke (cr);
  /* grip */
  cairo_move_to (cr, x - 6 * s, A->y);
  cairo_line_to (cr, x + 6 * s, A->y);
  cairo_line_to (cr, x, A->y + 9 * s);
  cairo_close_path (cr);
  cairo_fill (cr);

  if (data->marker_label && *data->marker_label)
    text = g_strdup (data->marker_label);
  else
    text = flx_format_value (data->marker_x, data->axes[FLX_AXIS_X].unit);
  {
    /* on a translucent pill so it stays readable over curves and the legend */
    gboolean left = x > A->x + A->w * 0.75;
    double fs = l->font_size * 0.9, tw, th, tx, ty = A->y + 12 * s;
    _flx_text_size (cr, &data->style, text, fs, TRUE, &tw, &th);
    tx = left ? x - 8 * s - tw : x + 8 * s;
    /* below the legend if they would collide (the legend avoids the marker when it can) */
    if (l->legend.w > 0 && tx < l->legend.x + l->legend.w && tx + tw > l->legend.x &&
        ty < l->legend.y + l->legend.h && ty + th > l->legend.y)
      ty = l->legend.y + l->legend.h + 4;
    _flx_rounded_rect (cr, tx - 3, ty - 1, tw + 6, th + 2, 4);
    cairo_set_source_rgba (cr, data->style.bg[0], data->style.bg[1], data->style.bg[2], 0.85);
    cairo_fill (cr);
    _flx_set_rgba (cr, data->style.accent, 1);
    _flx_draw_text (cr, &data->style, text, fs, TRUE, tx, ty, 0, 0, 0, NULL, NULL);
  }
  cairo_restore (cr);
}

/* A linked cursor: the x another view is hovering. */
void
flx_plot_draw_vcursor (cairo_t             *cr,
                       FlxPlotData         *data,
                       const FlxPlotLayout *l,
                       double               x)
{
  double px;

  if (!isfinite (x) || (l->log[FLX_AXIS_X] && x <= 0))
    return;
  px = flx_plot_layout_to_px (l, FLX_AXIS_X, x);
  if (px < l->area.x || px > l->area.x + l->area.w)
    return;
  cairo_save (cr);
  _flx_set_rgba (cr, data->style.fg, 0.55);
  cairo_set_line_width (cr, 1);
  set_dash (cr, FLX_DASH_DASHED, 1);
  cairo_move_to (cr, round (px) + 0.5, l->area.y);
  cairo_line_to (cr, round (px) + 0.5, l->area.y + l->area.h);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/**
 * flx_plot_nearest_point:
 * @max_dist: search radius in px
 *
 * Finds the data point closest to (@px, @py) in screen distance, over all series except
 * filled regions.
 *
 * Returns: %TRUE if one lies within @max_dist
 */
gboolean
flx_plot_nearest_point (FlxPlotData         *data,
                        const FlxPlotLayout *l,
                        double               px,
                        double               py,
                        double               max_dist,
                        guint               *series_index,
                        gsize               *point_index)
{
  double best = max_dist * max_dist;
  gboolean found = FALSE;

  for (guint i = 0; i < data->series->len; i++)
    {
      FlxSeries *s = g_ptr_array_index (data->series, i);

      gsize k0 = 0, k1 = s->n;

      if (s->style == FLX_SERIES_FILL_BETWEEN)
        continue;
      if (s->x_sorted && s->n > 64)
        {
          /* sorted x: only points within ±max_dist px in x can win; bisect for them */
          double xa = flx_plot_layout_from_px (l, FLX_AXIS_X, px - max_dist);
          double xb = flx_plot_layout_from_px (l, FLX_AXIS_X, px + max_dist);
          gsize lo = 0, hi = s->n;
          while (lo < hi)
            {
              gsize mid = lo + (hi - lo) / 2;
              if (s->x[mid] < xa) lo = mid + 1; else hi = mid;
            }
          k0 = lo;
          hi = s->n;
          while (lo < hi)
            {
              gsize mid = lo + (hi - lo) / 2;
              if (s->x[mid] <= xb) lo = mid + 1; else hi = mid;
            }
          k1 = lo;
        }
      for (gsize k = k0; k < k1; k++)
        {
          double dx, dy, d;
          if (!point_ok (l, s->y_axis, s->x[k], s->y[k]))
            continue;
          dx = flx_plot_layout_to_px (l, FLX_AXIS_X, s->x[k]) - px;
          if (fabs (dx) > max_dist)
            continue;
          dy = flx_plot_layout_to_px (l, s->y_axis, s->y[k]) - py;
          d = dx * dx + dy * dy;
          if (d <= best)
            {
              best = d;
              *series_index = i;
              *point_index = k;
              found = TRUE;
            }
        }
    }
  return found;
}

void
flx_plot_draw_hover (cairo_t             *cr,
                     FlxPlotData         *data,
                     const FlxPlotLayout *l,
                     guint                series_index,
                     gsize                point_index)
{
  FlxSeries *s;
  double px, py, rgba[4], fs = l->font_size * 0.9, w, h, bx, by;
  g_autofree char *xs = NULL, *ys = NULL, *text = NULL;

  if (series_index >= data->series->len)
    return;
  s = g_ptr_array_index (data->series, series_index);
  if (point_index >= s->n)
    return;

  px = flx_plot_layout_to_px (l, FLX_AXIS_X, s->x[point_index]);
  py = flx_plot_layout_to_px (l, s->y_axis, s->y[point_index]);
  flx_plot_series_color (s, series_index, &data->style, rgba);

  cairo_save (cr);
  cairo_new_path (cr);
  cairo_arc (cr, px, py, 4.5 * l->line_scale, 0, 2 * G_PI);
  _flx_set_rgba (cr, rgba, 1);
  cairo_fill_preserve (cr);
  _flx_set_rgba (cr, data->style.bg, 1);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);

  xs = flx_format_value (s->x[point_index], data->axes[FLX_AXIS_X].unit);
  ys = flx_format_value (s->y[point_index], data->axes[s->y_axis].unit);
  text = g_strdup_printf ("%s%sx = %s\ny = %s", s->label ? s->label : "", s->label ? "\n" : "", xs, ys);
  _flx_text_size (cr, &data->style, text, fs, FALSE, &w, &h);
  w += fs;
  h += 0.6 * fs;
  bx = px + 10;
  by = py - h - 10;
  if (bx + w > l->width - 2)
    bx = px - 10 - w;
  if (by < 2)
    by = py + 10;
  _flx_rounded_rect (cr, bx, by, w, h, 5);
  cairo_set_source_rgba (cr, data->style.bg[0], data->style.bg[1], data->style.bg[2], 0.92);
  cairo_fill_preserve (cr);
  _flx_set_rgba (cr, rgba, 1);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  _flx_set_rgba (cr, data->style.fg, 1);
  _flx_draw_text (cr, &data->style, text, fs, FALSE, bx + fs / 2, by + 0.3 * fs, 0, 0, 0, NULL, NULL);
  cairo_restore (cr);
}

/**
 * flx_plot_draw:
 *
 * The complete figure as exported: content plus the draggable marker.
 */
void
flx_plot_draw (cairo_t     *cr,
               FlxPlotData *data,
               double       width,
               double       height)
{
  FlxPlotLayout l;

  flx_plot_draw_content (cr, data, width, height, &l);
  flx_plot_draw_marker (cr, data, &l, FALSE);
}

/* Accessible description: what a sighted user reads off the axes and legend. */
char *
flx_plot_data_describe (FlxPlotData *data)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < data->series->len; i++)
    {
      FlxSeries *se = g_ptr_array_index (data->series, i);
      FlxAxis *ya = &data->axes[se->y_axis];
      double xmin = INFINITY, xmax = -INFINITY, ymin = INFINITY, ymax = -INFINITY;
      g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL;

      for (gsize k = 0; k < se->n; k++)
        {
          extend (se->x[k], FALSE, &xmin, &xmax);
          extend (se->y[k], FALSE, &ymin, &ymax);
        }
      if (s->len)
        g_string_append (s, "; ");
      if (!(xmin <= xmax))
        {
          g_string_append_printf (s, "%s: no points", se->label ? se->label : se->id);
          continue;
        }
      a = flx_format_value (xmin, data->axes[FLX_AXIS_X].unit);
      b = flx_format_value (xmax, data->axes[FLX_AXIS_X].unit);
      c = flx_format_value (ymin, ya->unit);
      d = flx_format_value (ymax, ya->unit);
      g_string_append_printf (s, "%s: %" G_GSIZE_FORMAT " points, %s from %s to %s, %s from %s to %s",
                              se->label ? se->label : se->id, se->n,
                              data->axes[FLX_AXIS_X].label ? data->axes[FLX_AXIS_X].label : "x", a, b,
                              ya->label ? ya->label : "y", c, d);
    }
  if (s->len == 0)
    g_string_append (s, "No data");
  return g_string_free (s, FALSE);
}
