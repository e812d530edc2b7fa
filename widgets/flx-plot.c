/* SPDX-License-Identifier: GPL-3.0-or-later */
/* flx-plot.c: FlxPlot, the GtkWidget around flx-plot-draw.c.
 *
 * Interaction: hover shows the nearest point; wheel zooms about the pointer (Ctrl+wheel
 * when the plot sits in a GtkScrolledWindow, so pages still scroll; Shift: x only, Alt:
 * y only); pinch zooms; drag pans; double click resets; the marker is dragged by its line
 * or moved with ←/→ (Shift: 10 px) when the plot has focus.
 *
 * The figure is drawn once into a GskRenderNode and reused until data, view, size or style
 * change; pointer motion only redraws the cheap overlay (hover read-out, linked cursor,
 * draggable marker).  View state (zoom/pan) lives in the axes' view_min/max and is reset by
 * a double click.
 */
#include "flx-plot.h"
#include "flx-plot-draw.h"
#include "flx-style.h"
#include "flx-ticks.h"

#include <math.h>

struct _FlxPlot
{
  GtkWidget      parent_instance;

  FlxPlotData   *data;
  GskRenderNode *cache;
  int            cache_w, cache_h;
  FlxPlotLayout  layout;       /* geometry of the cached drawing */
  gboolean       have_layout;
  double         style_fg[4];

  gboolean       stale;
  double         highlight_x;
  double         hover_x;

  /* pointer */
  gboolean       has_hover_point;
  guint          hover_series;
  gsize          hover_point;

  /* drag: either the marker or a pan of the view captured at drag start */
  gboolean       dragging_marker;
  gboolean       panning;
  double         drag_start_x, drag_start_y;
  FlxPlotLayout  drag_layout;
  FlxPlotLayout  pinch_layout;
  double         pointer_x, pointer_y;
};

G_DEFINE_FINAL_TYPE (FlxPlot, flx_plot, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_LARGE_TEXT,
  PROP_STALE,
  PROP_PREVIEW_TEXT,
  PROP_LEGEND_VISIBLE,
  PROP_HIGHLIGHT_X,
  PROP_HOVER_X,
  PROP_MARKER_VISIBLE,
  PROP_MARKER_X,
  PROP_MARKER_LABEL,
  N_PROPS
};

enum {
  MARKER_MOVED,
  VIEW_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

#define MARKER_GRAB_PX 8.0

/* Redraw the overlay only. */
static void
queue_overlay (FlxPlot *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Rebuild the cached figure on the next frame. */
static void
invalidate (FlxPlot *self)
{
  g_clear_pointer (&self->cache, gsk_render_node_unref);
  self->has_hover_point = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* g_set_str() needs GLib 2.76 */
static gboolean
set_str (char       **dest,
         const char  *value)
{
  char *copy;

  if (g_strcmp0 (*dest, value) == 0)
    return FALSE;
  copy = g_strdup (value);
  g_free (*dest);
  *dest = copy;
  return TRUE;
}

static void
update_accessible (FlxPlot *self)
{
  g_autofree char *desc = flx_plot_data_describe (self->data);
  const char *label = self->data->title && *self->data->title ? self->data->title : "Plot";

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, desc,
                                  -1);
}

static void
data_changed (FlxPlot *self)
{
  invalidate (self);
  update_accessible (self);
}

static void
update_style (FlxPlot *self)
{
  if (_flx_draw_style_update_from_widget (GTK_WIDGET (self), &self->data->style, self->style_fg))
    g_clear_pointer (&self->cache, gsk_render_node_unref);
}

static void
flx_plot_snapshot (GtkWidget   *widget,
                   GtkSnapshot *snapshot)
{
  FlxPlot *self = FLX_PLOT (widget);
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, w, h);
  cairo_t *cr;

  if (w <= 0 || h <= 0)
    return;
  update_style (self);

  if (self->cache == NULL || w != self->cache_w || h != self->cache_h)
    {
      GtkSnapshot *s = gtk_snapshot_new ();

      g_clear_pointer (&self->cache, gsk_render_node_unref);
      cr = gtk_snapshot_append_cairo (s, &bounds);
      flx_plot_draw_content (cr, self->data, w, h, &self->layout);
      cairo_destroy (cr);
      self->cache = gtk_snapshot_free_to_node (s);
      self->cache_w = w;
      self->cache_h = h;
      self->have_layout = TRUE;
    }

  if (self->stale)
    gtk_snapshot_push_opacity (snapshot, 0.4);
  if (self->cache)
    gtk_snapshot_append_node (snapshot, self->cache);
  if (self->stale)
    gtk_snapshot_pop (snapshot);

  cr = gtk_snapshot_append_cairo (snapshot, &bounds);
  flx_plot_draw_vcursor (cr, self->data, &self->layout, self->highlight_x);
  flx_plot_draw_marker (cr, self->data, &self->layout, self->dragging_marker);
  if (self->has_hover_point && !self->panning)
    flx_plot_draw_hover (cr, self->data, &self->layout, self->hover_series, self->hover_point);
  if (self->stale)
    _flx_draw_badge (cr, &self->data->style, "updating…", self->layout.font_size * 0.8,
                     self->layout.area.x + self->layout.area.w - 4, self->layout.area.y + 4, 1);
  cairo_destroy (cr);
}

static void
flx_plot_measure (GtkWidget      *widget,
                  GtkOrientation  orientation,
                  int             for_size,
                  int            *minimum,
                  int            *natural,
                  int            *minimum_baseline,
                  int            *natural_baseline)
{
  FlxPlot *self = FLX_PLOT (widget);
  double k = self->data->large_text ? 1.5 : 1.0;

  *minimum = (int) ((orientation == GTK_ORIENTATION_HORIZONTAL ? 200 : 140) * k);
  *natural = (int) ((orientation == GTK_ORIENTATION_HORIZONTAL ? 480 : 320) * k);
}

static void
flx_plot_css_changed (GtkWidget         *widget,
                      GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (flx_plot_parent_class)->css_changed (widget, change);
  invalidate (FLX_PLOT (widget));
}

/* ---- interaction ---------------------------------------------------------------------- */

static void
set_hover_x (FlxPlot *self,
             double   x)
{
  if ((isnan (x) && isnan (self->hover_x)) || x == self->hover_x)
    return;
  self->hover_x = x;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOVER_X]);
}

static gboolean
in_area (const FlxPlotLayout *l,
         double               x,
         double               y)
{
  return x >= l->area.x && x <= l->area.x + l->area.w && y >= l->area.y && y <= l->area.y + l->area.h;
}

static gboolean
near_marker (FlxPlot *self,
             double   x,
             double   y)
{
  FlxPlotData *d = self->data;
  double mx;

  if (!self->have_layout || !d->marker_visible || !isfinite (d->marker_x) ||
      (self->layout.log[FLX_AXIS_X] && d->marker_x <= 0))
    return FALSE;
  mx = flx_plot_layout_to_px (&self->layout, FLX_AXIS_X, d->marker_x);
  return fabs (mx - x) <= MARKER_GRAB_PX && y >= self->layout.area.y - 4 &&
         y <= self->layout.area.y + self->layout.area.h;
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           FlxPlot                  *self)
{
  gboolean had = self->has_hover_point;
  guint old_s = self->hover_series;
  gsize old_p = self->hover_point;

  self->pointer_x = x;
  self->pointer_y = y;
  if (!self->have_layout)
    return;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                   near_marker (self, x, y) ? "ew-resize" : "crosshair");
  if (!in_area (&self->layout, x, y))
    {
      self->has_hover_point = FALSE;
      set_hover_x (self, NAN);
    }
  else
    {
      self->has_hover_point = flx_plot_nearest_point (self->data, &self->layout, x, y, 24,
                                                      &self->hover_series, &self->hover_point);
      set_hover_x (self, flx_plot_layout_from_px (&self->layout, FLX_AXIS_X, x));
    }
  if (had != self->has_hover_point || old_s != self->hover_series || old_p != self->hover_point)
    queue_overlay (self);
}

static void
leave_cb (GtkEventControllerMotion *controller,
          FlxPlot                  *self)
{
  if (self->has_hover_point)
    queue_overlay (self);
  self->has_hover_point = FALSE;
  set_hover_x (self, NAN);
}

static void
set_view (FlxPlot  *self,
          FlxAxisId axis,
          double    lo,
          double    hi)
{
  FlxAxis *ax = &self->data->axes[axis];

  if (!isfinite (lo) || !isfinite (hi) || !(hi > lo))
    return;
  if (ax->scale == FLX_AXIS_SCALE_LOG10 && !(lo > 0))
    return;
  /* refuse to zoom past double precision */
  if ((hi - lo) < 1e-12 * MAX (fabs (lo), fabs (hi)))
    return;
  ax->zoomed = TRUE;
  ax->view_min = lo;
  ax->view_max = hi;
}

/* Scales @axis of @base about pixel @center by @factor (>1 zooms out). */
static void
zoom_axis (FlxPlot             *self,
           const FlxPlotLayout *base,
           FlxAxisId            axis,
           double               center,
           double               factor)
{
  gboolean log = base->log[axis];
  double fa = log ? log10 (base->lo[axis]) : base->lo[axis];
  double fb = log ? log10 (base->hi[axis]) : base->hi[axis];
  double c = flx_plot_layout_from_px (base, axis, center);
  double a, b;

  c = log ? log10 (c) : c;
  a = c + (fa - c) * factor;
  b = c + (fb - c) * factor;
  if (log)
    set_view (self, axis, pow (10, a), pow (10, b));
  else
    set_view (self, axis, a, b);
}

static void
zoom_at (FlxPlot             *self,
         const FlxPlotLayout *base,
         double               x,
         double               y,
         double               factor,
         gboolean             do_x,
         gboolean             do_y)
{
  if (do_x)
    zoom_axis (self, base, FLX_AXIS_X, x, factor);
  if (do_y)
    {
      zoom_axis (self, base, FLX_AXIS_Y, y, factor);
      if (base->has_y2)
        zoom_axis (self, base, FLX_AXIS_Y2, y, factor);
    }
  invalidate (self);
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           FlxPlot                  *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  /* GTK 4.8 scroll events carry no position; use the last motion position */
  double x = self->pointer_x, y = self->pointer_y;

  if (!self->have_layout || dy == 0)
    return FALSE;
  if (!in_area (&self->layout, x, y))
    return FALSE;
  /* Inside a scrolled page the wheel must keep scrolling the page: zoom needs Ctrl there.
   * Standing alone, the plain wheel zooms. */
  if (gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW) != NULL &&
      !(state & GDK_CONTROL_MASK))
    return FALSE;
  /* Shift: x only; Alt: y only */
  zoom_at (self, &self->layout, x, y, pow (1.15, CLAMP (dy, -5, 5)),
           !(state & GDK_ALT_MASK), !(state & GDK_SHIFT_MASK));
  g_signal_emit (self, signals[VIEW_CHANGED], 0);
  return TRUE;
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               FlxPlot        *self)
{
  if (!self->have_layout)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  self->drag_start_x = x;
  self->drag_start_y = y;
  self->drag_layout = self->layout;
  if (near_marker (self, x, y))
    {
      self->dragging_marker = TRUE;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      queue_overlay (self);
    }
  else if (in_area (&self->layout, x, y))
    self->panning = FALSE; /* becomes a pan once it moves */
  else
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
}

static void
pan_axis (FlxPlot             *self,
          const FlxPlotLayout *base,
          FlxAxisId            axis,
          double               delta_px)
{
  double a = flx_plot_layout_from_px (base, axis, (axis == FLX_AXIS_X ? base->area.x : base->area.y + base->area.h) - delta_px);
  double b = flx_plot_layout_from_px (base, axis, (axis == FLX_AXIS_X ? base->area.x + base->area.w : base->area.y) - delta_px);

  set_view (self, axis, a, b);
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          ox,
                double          oy,
                FlxPlot        *self)
{
  if (self->dragging_marker)
    {
      const FlxRect *A = &self->drag_layout.area;
      double px = CLAMP (self->drag_start_x + ox, A->x, A->x + A->w);
      double x = flx_plot_layout_from_px (&self->drag_layout, FLX_AXIS_X, px);

      if (x != self->data->marker_x)
        {
          self->data->marker_x = x;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MARKER_X]);
          g_signal_emit (self, signals[MARKER_MOVED], 0, x);
          queue_overlay (self);
        }
      return;
    }
  if (!self->panning && hypot (ox, oy) < 3)
    return;
  if (!self->panning)
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  self->panning = TRUE;
  pan_axis (self, &self->drag_layout, FLX_AXIS_X, ox);
  pan_axis (self, &self->drag_layout, FLX_AXIS_Y, oy);
  if (self->drag_layout.has_y2)
    pan_axis (self, &self->drag_layout, FLX_AXIS_Y2, oy);
  invalidate (self);
  g_signal_emit (self, signals[VIEW_CHANGED], 0);
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          ox,
             double          oy,
             FlxPlot        *self)
{
  if (self->dragging_marker || self->panning)
    queue_overlay (self);
  self->dragging_marker = FALSE;
  self->panning = FALSE;
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            FlxPlot         *self)
{
  if (gtk_widget_get_focusable (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));
  if (n_press == 2 && !near_marker (self, x, y))
    {
      flx_plot_reset_view (self);
      g_signal_emit (self, signals[VIEW_CHANGED], 0);
    }
}

static void
zoom_begin_cb (GtkGesture       *gesture,
               GdkEventSequence *sequence,
               FlxPlot          *self)
{
  self->pinch_layout = self->layout;
}

static void
zoom_scale_changed_cb (GtkGestureZoom *gesture,
                       double          scale,
                       FlxPlot        *self)
{
  double cx, cy;

  if (!(scale > 0) || !gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &cx, &cy))
    return;
  zoom_at (self, &self->pinch_layout, cx, cy, 1 / scale, TRUE, TRUE);
  g_signal_emit (self, signals[VIEW_CHANGED], 0);
}

/* Arrow keys move the marker, so it works without a pointer. */
static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                FlxPlot               *self)
{
  double step, x;

  if (!self->data->marker_visible || !self->have_layout)
    return FALSE;
  if (keyval != GDK_KEY_Left && keyval != GDK_KEY_Right)
    return FALSE;
  step = (state & GDK_SHIFT_MASK) ? 10 : 1; /* px */
  x = flx_plot_layout_to_px (&self->layout, FLX_AXIS_X, self->data->marker_x);
  x = CLAMP (x + (keyval == GDK_KEY_Left ? -step : step), self->layout.area.x,
             self->layout.area.x + self->layout.area.w);
  flx_plot_set_marker (self, TRUE, flx_plot_layout_from_px (&self->layout, FLX_AXIS_X, x),
                       self->data->marker_label);
  g_signal_emit (self, signals[MARKER_MOVED], 0, self->data->marker_x);
  return TRUE;
}

/* ---- GObject -------------------------------------------------------------------------- */

static void
flx_plot_dispose (GObject *object)
{
  FlxPlot *self = FLX_PLOT (object);

  g_clear_pointer (&self->cache, gsk_render_node_unref);
  G_OBJECT_CLASS (flx_plot_parent_class)->dispose (object);
}

static void
flx_plot_finalize (GObject *object)
{
  FlxPlot *self = FLX_PLOT (object);

  flx_plot_data_free (self->data);
  G_OBJECT_CLASS (flx_plot_parent_class)->finalize (object);
}

static void
flx_plot_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  FlxPlot *self = FLX_PLOT (object);

  switch (prop_id)
    {
    case PROP_TITLE: g_value_set_string (value, self->data->title); break;
    case PROP_LARGE_TEXT: g_value_set_boolean (value, self->data->large_text); break;
    case PROP_STALE: g_value_set_boolean (value, self->stale); break;
    case PROP_PREVIEW_TEXT: g_value_set_string (value, self->data->preview_text); break;
    case PROP_LEGEND_VISIBLE: g_value_set_boolean (value, self->data->legend_visible); break;
    case PROP_HIGHLIGHT_X: g_value_set_double (value, isnan (self->highlight_x) ? INFINITY : self->highlight_x); break;
    case PROP_HOVER_X: g_value_set_double (value, isnan (self->hover_x) ? INFINITY : self->hover_x); break;
    case PROP_MARKER_VISIBLE: g_value_set_boolean (value, self->data->marker_visible); break;
    case PROP_MARKER_X: g_value_set_double (value, self->data->marker_x); break;
    case PROP_MARKER_LABEL: g_value_set_string (value, self->data->marker_label); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
flx_plot_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  FlxPlot *self = FLX_PLOT (object);
  FlxPlotData *d = self->data;

  switch (prop_id)
    {
    case PROP_TITLE: flx_plot_set_title (self, g_value_get_string (value)); break;
    case PROP_LARGE_TEXT: flx_plot_set_large_text (self, g_value_get_boolean (value)); break;
    case PROP_STALE: flx_plot_set_stale (self, g_value_get_boolean (value)); break;
    case PROP_PREVIEW_TEXT: flx_plot_set_preview_text (self, g_value_get_string (value)); break;
    case PROP_LEGEND_VISIBLE: flx_plot_set_legend_visible (self, g_value_get_boolean (value)); break;
    case PROP_HIGHLIGHT_X: flx_plot_set_highlight_x (self, g_value_get_double (value)); break;
    case PROP_MARKER_VISIBLE:
      flx_plot_set_marker (self, g_value_get_boolean (value), d->marker_x, d->marker_label);
      break;
    case PROP_MARKER_X:
      flx_plot_set_marker (self, d->marker_visible, g_value_get_double (value), d->marker_label);
      break;
    case PROP_MARKER_LABEL:
      flx_plot_set_marker (self, d->marker_visible, d->marker_x, g_value_get_string (value));
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
flx_plot_class_init (FlxPlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = flx_plot_dispose;
  object_class->finalize = flx_plot_finalize;
  object_class->get_property = flx_plot_get_property;
  object_class->set_property = flx_plot_set_property;
  widget_class->snapshot = flx_plot_snapshot;
  widget_class->measure = flx_plot_measure;
  widget_class->css_changed = flx_plot_css_changed;

  /**
   * FlxPlot:title: (nullable)
   * Title above the plot; also the accessible label.
   */
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, rw);
  /** FlxPlot:large-text: Bigger fonts and lines, for projectors. */
  properties[PROP_LARGE_TEXT] = g_param_spec_boolean ("large-text", NULL, NULL, FALSE, rw);
  /** FlxPlot:stale: Data is being recomputed: the plot is dimmed with an "updating…" badge. */
  properties[PROP_STALE] = g_param_spec_boolean ("stale", NULL, NULL, FALSE, rw);
  /** FlxPlot:preview-text: (nullable) Badge text such as "Preview (coarse mesh)"; %NULL hides it. */
  properties[PROP_PREVIEW_TEXT] = g_param_spec_string ("preview-text", NULL, NULL, NULL, rw);
  /** FlxPlot:legend-visible: Show the legend (placed where it covers the fewest points). */
  properties[PROP_LEGEND_VISIBLE] = g_param_spec_boolean ("legend-visible", NULL, NULL, TRUE, rw);
  /* GParamSpecDouble rejects NaN, so "no position" is +∞ through properties (bindings)
   * and NaN through the C getters; setters take any non-finite value as "none". */
  /** FlxPlot:highlight-x: Linked cursor: x (SI) drawn as a dashed line; non-finite for none. */
  properties[PROP_HIGHLIGHT_X] = g_param_spec_double ("highlight-x", NULL, NULL, -INFINITY, INFINITY, INFINITY, rw);
  /**
   * FlxPlot:hover-x: x (SI) under the pointer, +∞ when outside.  Bind it to another
   * view's highlight-x for linked cursors.
   */
  properties[PROP_HOVER_X] = g_param_spec_double ("hover-x", NULL, NULL, -INFINITY, INFINITY, INFINITY,
                                                  G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /** FlxPlot:marker-visible: Show the draggable vertical marker. */
  properties[PROP_MARKER_VISIBLE] = g_param_spec_boolean ("marker-visible", NULL, NULL, FALSE, rw);
  /** FlxPlot:marker-x: Position of the draggable marker (SI). */
  properties[PROP_MARKER_X] = g_param_spec_double ("marker-x", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, rw);
  /** FlxPlot:marker-label: (nullable) Marker text; %NULL shows its x value with unit. */
  properties[PROP_MARKER_LABEL] = g_param_spec_string ("marker-label", NULL, NULL, NULL, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FlxPlot::marker-moved:
   * @plot: the plot
   * @x: new marker position in SI units
   *
   * The user dragged the marker (or moved it with the arrow keys); not emitted for
   * flx_plot_set_marker().
   */
  signals[MARKER_MOVED] = g_signal_new ("marker-moved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_DOUBLE);

  /**
   * FlxPlot::view-changed:
   * @plot: the plot
   *
   * The user zoomed, panned or reset the view.  Read flx_plot_get_visible_range() and
   * pass it to linked plots with flx_plot_set_visible_range().
   */
  signals[VIEW_CHANGED] = g_signal_new ("view-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "flxplot");
}

static void
flx_plot_init (FlxPlot *self)
{
  GtkEventController *motion, *scroll, *key;
  GtkGesture *drag, *click, *zoom;

  self->data = flx_plot_data_new ();
  self->highlight_x = NAN;
  self->hover_x = NAN;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "crosshair");

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "enter", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  drag = gtk_gesture_drag_new ();
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  click = gtk_gesture_click_new ();
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  zoom = gtk_gesture_zoom_new ();
  g_signal_connect (zoom, "begin", G_CALLBACK (zoom_begin_cb), self);
  g_signal_connect (zoom, "scale-changed", G_CALLBACK (zoom_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (zoom));

  key = gtk_event_controller_key_new ();
  g_signal_connect (key, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);

  update_accessible (self);
}

/* ---- public API ----------------------------------------------------------------------- */

/**
 * flx_plot_new:
 *
 * Returns: (transfer floating): a new empty plot
 */
GtkWidget *
flx_plot_new (void)
{
  return g_object_new (FLX_TYPE_PLOT, NULL);
}

/**
 * flx_plot_set_series:
 * @id: page-chosen identifier
 * @label: (nullable): legend text (Pango markup allowed); %NULL keeps it out of the legend
 * @x: (array length=n): x values, SI
 * @y: (array length=n): y values, SI; NaN breaks the line
 *
 * Adds or replaces a series; the arrays are copied.
 */
void
flx_plot_set_series (FlxPlot      *self,
                     const char   *id,
                     const char   *label,
                     const double *x,
                     const double *y,
                     gsize         n)
{
  FlxSeries *s;

  g_return_if_fail (FLX_IS_PLOT (self));
  g_return_if_fail (id != NULL);
  g_return_if_fail (n == 0 || (x != NULL && y != NULL));

  s = flx_plot_data_ensure_series (self->data, id);
  g_free (s->label);
  s->label = g_strdup (label);
  if (s->style == FLX_SERIES_FILL_BETWEEN)
    s->style = FLX_SERIES_LINE;
  flx_plot_data_set_xy (s, x, y, NULL, n);
  data_changed (self);
}

/**
 * flx_plot_set_series_fill:
 * @y_lo: (array length=n): lower curve
 * @y_hi: (array length=n): upper curve
 *
 * Adds or replaces a shaded region between two curves sharing @x.
 */
void
flx_plot_set_series_fill (FlxPlot      *self,
                          const char   *id,
                          const char   *label,
                          const double *x,
                          const double *y_lo,
                          const double *y_hi,
                          gsize         n)
{
  FlxSeries *s;

  g_return_if_fail (FLX_IS_PLOT (self));
  g_return_if_fail (id != NULL);
  g_return_if_fail (n == 0 || (x != NULL && y_lo != NULL && y_hi != NULL));

  s = flx_plot_data_ensure_series (self->data, id);
  g_free (s->label);
  s->label = g_strdup (label);
  s->style = FLX_SERIES_FILL_BETWEEN;
  flx_plot_data_set_xy (s, x, y_lo, y_hi, n);
  data_changed (self);
}

/**
 * flx_plot_remove_series:
 *
 * Returns: %TRUE if a series with @id existed
 */
gboolean
flx_plot_remove_series (FlxPlot    *self,
                        const char *id)
{
  FlxSeries *s;

  g_return_val_if_fail (FLX_IS_PLOT (self), FALSE);
  s = flx_plot_data_find_series (self->data, id);
  if (s == NULL)
    return FALSE;
  g_ptr_array_remove (self->data->series, s);
  data_changed (self);
  return TRUE;
}

void
flx_plot_clear_series (FlxPlot *self)
{
  g_return_if_fail (FLX_IS_PLOT (self));
  if (self->data->series->len == 0)
    return;
  g_ptr_array_set_size (self->data->series, 0);
  data_changed (self);
}

static FlxSeries *
get_series (FlxPlot    *self,
            const char *id)
{
  FlxSeries *s = flx_plot_data_find_series (self->data, id);

  if (s == NULL)
    g_critical ("FlxPlot: no series “%s”; call flx_plot_set_series() first", id);
  return s;
}

gboolean
flx_plot_get_series_info (FlxPlot        *self,
                          const char     *id,
                          FlxSeriesStyle *style,
                          gsize          *n)
{
  FlxSeries *s;

  g_return_val_if_fail (FLX_IS_PLOT (self), FALSE);
  if (!(s = get_series (self, id)))
    return FALSE;
  if (style != NULL)
    *style = s->style;
  if (n != NULL)
    *n = s->n;
  return TRUE;
}

void
flx_plot_set_series_style (FlxPlot        *self,
                           const char     *id,
                           FlxSeriesStyle  style)
{
  FlxSeries *s;

  g_return_if_fail (FLX_IS_PLOT (self));
  if (!(s = get_series (self, id)) || s->style == style)
    return;
  /* a fill needs its upper curve; lines can drop it */
  if (style == FLX_SERIES_FILL_BETWEEN && s->y_hi == NULL)
    return;
  s->style = style;
  invalidate (self);
}

void
flx_plot_set_series_dash (FlxPlot    *self,
                          const char *id,
                          FlxDash     dash)
{
  FlxSeries *s;

  g_return_if_fail (FLX_IS_PLOT (self));
  if (!(s = get_series (self, id)) || s->dash == dash)
    return;
  s->dash = dash;
  invalidate (self);
}

/**
 * flx_plot_set_series_palette_index:
 * @index: position in the colour-blind-safe palette (wraps; also picks the marker shape)
 *
 * Use the same index for the same quantity across plots.
 */
void
flx_plot_set_series_palette_index (FlxPlot    *self,
                                   const char *id,
                                   int         index)
{
  FlxSeries *s;

  g_return_if_fail (FLX_IS_PLOT (self));
  if (!(s = get_series (self, id)))
    return;
  s->palette_index = index;
  s->has_color = FALSE;
  invalidate (self);
}

/**
 * flx_plot_set_series_color:
 * @color: (nullable): explicit colour; %NULL returns to the palette.  An explicit colour
 *   does not adapt to dark mode.
 */
void
flx_plot_set_series_color (FlxPlot       *self,
                           const char    *id,
                           const GdkRGBA *color)
{
  FlxSeries *s;

  g_return_if_fail (FLX_IS_PLOT (self));
  if (!(s = get_series (self, id)))
    return;
  s->has_color = color != NULL;
  if (color)
    {
      s->rgba[0] = color->red; s->rgba[1] = color->green;
      s->rgba[2] = color->blue; s->rgba[3] = color->alpha;
    }
  invalidate (self);
}

/**
 * flx_plot_set_series_y_axis:
 * @axis: %FLX_AXIS_Y or %FLX_AXIS_Y2 (the right axis appears when used)
 */
void
flx_plot_set_series_y_axis (FlxPlot    *self,
                            const char *id,
                            FlxAxisId   axis)
{
  FlxSeries *s;

  g_return_if_fail (FLX_IS_PLOT (self));
  g_return_if_fail (axis == FLX_AXIS_Y || axis == FLX_AXIS_Y2);
  if (!(s = get_series (self, id)) || s->y_axis == axis)
    return;
  s->y_axis = axis;
  data_changed (self);
}

guint
flx_plot_get_n_series (FlxPlot *self)
{
  g_return_val_if_fail (FLX_IS_PLOT (self), 0);
  return self->data->series->len;
}

const char *
flx_plot_get_series_label (FlxPlot    *self,
                           const char *id)
{
  FlxSeries *s;

  g_return_val_if_fail (FLX_IS_PLOT (self), NULL);
  s = flx_plot_data_find_series (self->data, id);
  return s ? s->label : NULL;
}

gboolean
flx_plot_get_series_dash (FlxPlot    *self,
                          const char *id,
                          FlxDash    *dash,
                          FlxAxisId  *y_axis)
{
  FlxSeries *s;

  g_return_val_if_fail (FLX_IS_PLOT (self), FALSE);
  if ((s = flx_plot_data_find_series (self->data, id)) == NULL)
    return FALSE;
  if (dash)
    *dash = s->dash;
  if (y_axis)
    *y_axis = s->y_axis;
  return TRUE;
}

/**
 * flx_plot_set_axis:
 * @label: (nullable): quantity, e.g. "Force"
 * @unit: (nullable): SI unit in ASCII: "N", "m", "Ohm", "A", "eV", "1/m", "C/m^2", "K", "".
 *   Simple units get a display prefix ("Force (µN)"); "K", compound units and "" do not
 *   (a common power of ten is shown instead when values are very large or small).
 */
void
flx_plot_set_axis (FlxPlot    *self,
                   FlxAxisId   axis,
                   const char *label,
                   const char *unit)
{
  FlxAxis *ax;

  g_return_if_fail (FLX_IS_PLOT (self));
  g_return_if_fail (axis < FLX_N_AXES);
  ax = &self->data->axes[axis];
  g_free (ax->label);
  g_free (ax->unit);
  ax->label = g_strdup (label);
  ax->unit = g_strdup (unit);
  data_changed (self);
}

void
flx_plot_set_axis_scale (FlxPlot      *self,
                         FlxAxisId     axis,
                         FlxAxisScale  scale)
{
  FlxAxis *ax;

  g_return_if_fail (FLX_IS_PLOT (self));
  g_return_if_fail (axis < FLX_N_AXES);
  ax = &self->data->axes[axis];
  if (ax->scale == scale)
    return;
  ax->scale = scale;
  ax->zoomed = FALSE;
  for (guint i = 0; i < self->data->series->len; i++)
    ((FlxSeries *) g_ptr_array_index (self->data->series, i))->warned_log = FALSE;
  invalidate (self);
}

/**
 * flx_plot_set_axis_limits:
 *
 * Fixes the axis range (SI).  The user can still zoom; a double click returns here.
 */
void
flx_plot_set_axis_limits (FlxPlot  *self,
                          FlxAxisId axis,
                          double    min,
                          double    max)
{
  FlxAxis *ax;

  g_return_if_fail (FLX_IS_PLOT (self));
  g_return_if_fail (axis < FLX_N_AXES);
  g_return_if_fail (max > min);
  ax = &self->data->axes[axis];
  ax->fixed = TRUE;
  ax->fixed_min = min;
  ax->fixed_max = max;
  ax->zoomed = FALSE;
  invalidate (self);
}

/* Back to limits from the data. */
void
flx_plot_set_axis_auto (FlxPlot  *self,
                        FlxAxisId axis)
{
  g_return_if_fail (FLX_IS_PLOT (self));
  g_return_if_fail (axis < FLX_N_AXES);
  self->data->axes[axis].fixed = FALSE;
  self->data->axes[axis].zoomed = FALSE;
  invalidate (self);
}

/**
 * flx_plot_get_visible_range:
 * @min: (out): lower limit shown (SI)
 * @max: (out): upper limit shown (SI)
 */
void
flx_plot_get_visible_range (FlxPlot  *self,
                            FlxAxisId axis,
                            double   *min,
                            double   *max)
{
  FlxPlotLayout l;
  cairo_surface_t *surface;
  cairo_t *cr;

  g_return_if_fail (FLX_IS_PLOT (self));
  g_return_if_fail (axis < FLX_N_AXES);
  /* ranges do not depend on the size; measure on a scratch surface */
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (surface);
  flx_plot_layout_compute (cr, self->data, 400, 300, &l);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  *min = l.lo[axis];
  *max = l.hi[axis];
}

/**
 * flx_plot_set_visible_range:
 *
 * Shows [@min, @max] (SI) on @axis as if the user had zoomed there; a double click or
 * flx_plot_reset_view() returns to the fixed or automatic limits.  For linking the zoom
 * of several plots; does not emit "view-changed".
 */
void
flx_plot_set_visible_range (FlxPlot  *self,
                            FlxAxisId axis,
                            double    min,
                            double    max)
{
  g_return_if_fail (FLX_IS_PLOT (self));
  g_return_if_fail (axis < FLX_N_AXES);
  set_view (self, axis, min, max);
  invalidate (self);
}

gboolean
flx_plot_get_axis_zoomed (FlxPlot  *self,
                          FlxAxisId axis)
{
  g_return_val_if_fail (FLX_IS_PLOT (self), FALSE);
  g_return_val_if_fail (axis < FLX_N_AXES, FALSE);
  return self->data->axes[axis].zoomed;
}

/* Undo zoom and pan. */
void
flx_plot_reset_view (FlxPlot *self)
{
  g_return_if_fail (FLX_IS_PLOT (self));
  for (int a = 0; a < FLX_N_AXES; a++)
    self->data->axes[a].zoomed = FALSE;
  invalidate (self);
}

static guint
add_annotation (FlxPlot       *self,
                FlxAnnotKind   kind,
                FlxAxisId      y_axis,
                double         x0,
                double         y0,
                double         x1,
                double         y1,
                const char    *text,
                FlxDash        dash,
                const GdkRGBA *color)
{
  FlxAnnotation *an = g_new0 (FlxAnnotation, 1);

  an->id = self->data->next_annot_id++;
  an->kind = kind;
  an->y_axis = y_axis;
  an->x0 = x0; an->y0 = y0; an->x1 = x1; an->y1 = y1;
  an->text = g_strdup (text);
  an->dash = dash;
  if (color)
    {
      an->has_color = TRUE;
      an->rgba[0] = color->red; an->rgba[1] = color->green;
      an->rgba[2] = color->blue; an->rgba[3] = color->alpha;
    }
  g_ptr_array_add (self->data->annotations, an);
  data_changed (self);
  return an->id;
}

/**
 * flx_plot_add_vline:
 * @x: position (SI)
 * @label: (nullable): text at the top of the line
 * @color: (nullable): %NULL for the text colour
 *
 * Returns: annotation id
 */
guint
flx_plot_add_vline (FlxPlot       *self,
                    double         x,
                    const char    *label,
                    FlxDash        dash,
                    const GdkRGBA *color)
{
  g_return_val_if_fail (FLX_IS_PLOT (self), 0);
  return add_annotation (self, FLX_ANNOT_VLINE, FLX_AXIS_Y, x, 0, x, 0, label, dash, color);
}

/**
 * flx_plot_add_hline:
 * @y_axis: %FLX_AXIS_Y or %FLX_AXIS_Y2
 * @label: (nullable): text above the right end of the line
 *
 * Returns: annotation id
 */
guint
flx_plot_add_hline (FlxPlot       *self,
                    FlxAxisId      y_axis,
                    double         y,
                    const char    *label,
                    FlxDash        dash,
                    const GdkRGBA *color)
{
  g_return_val_if_fail (FLX_IS_PLOT (self), 0);
  g_return_val_if_fail (y_axis == FLX_AXIS_Y || y_axis == FLX_AXIS_Y2, 0);
  return add_annotation (self, FLX_ANNOT_HLINE, y_axis, 0, y, 0, y, label, dash, color);
}

/**
 * flx_plot_add_text:
 *
 * Text (Pango markup allowed) whose left edge is centred vertically on (@x, @y).
 *
 * Returns: annotation id
 */
guint
flx_plot_add_text (FlxPlot    *self,
                   double      x,
                   double      y,
                   const char *text)
{
  g_return_val_if_fail (FLX_IS_PLOT (self), 0);
  return add_annotation (self, FLX_ANNOT_TEXT, FLX_AXIS_Y, x, y, x, y, text, FLX_DASH_SOLID, NULL);
}

/**
 * flx_plot_add_band:
 * @orientation: %GTK_ORIENTATION_HORIZONTAL spans y from @from to @to (e.g. a band gap);
 *   %GTK_ORIENTATION_VERTICAL spans x
 * @color: (nullable): fill colour (drawn translucent); %NULL for a light grey
 *
 * Returns: annotation id
 */
guint
flx_plot_add_band (FlxPlot        *self,
                   GtkOrientation  orientation,
                   double          from,
                   double          to,
                   const char     *label,
                   const GdkRGBA  *color)
{
  g_return_val_if_fail (FLX_IS_PLOT (self), 0);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    return add_annotation (self, FLX_ANNOT_HBAND, FLX_AXIS_Y, 0, from, 0, to, label, FLX_DASH_SOLID, color);
  return add_annotation (self, FLX_ANNOT_VBAND, FLX_AXIS_Y, from, 0, to, 0, label, FLX_DASH_SOLID, color);
}

/**
 * flx_plot_add_arrow:
 * @label: (nullable): text at the tail (x0, y0)
 *
 * Arrow from (@x0, @y0) to (@x1, @y1), head at the second point.
 *
 * Returns: annotation id
 */
guint
flx_plot_add_arrow (FlxPlot    *self,
                    double      x0,
                    double      y0,
                    double      x1,
                    double      y1,
                    const char *label)
{
  g_return_val_if_fail (FLX_IS_PLOT (self), 0);
  return add_annotation (self, FLX_ANNOT_ARROW, FLX_AXIS_Y, x0, y0, x1, y1, label, FLX_DASH_SOLID, NULL);
}

gboolean
flx_plot_remove_annotation (FlxPlot *self,
                            guint    id)
{
  g_return_val_if_fail (FLX_IS_PLOT (self), FALSE);
  for (guint i = 0; i < self->data->annotations->len; i++)
    if (((FlxAnnotation *) g_ptr_array_index (self->data->annotations, i))->id == id)
      {
        g_ptr_array_remove_index (self->data->annotations, i);
        data_changed (self);
        return TRUE;
      }
  return FALSE;
}

void
flx_plot_clear_annotations (FlxPlot *self)
{
  g_return_if_fail (FLX_IS_PLOT (self));
  g_ptr_array_set_size (self->data->annotations, 0);
  data_changed (self);
}

/**
 * flx_plot_set_marker:
 * @visible: show the draggable marker
 * @x: position (SI)
 * @label: (nullable): text beside the marker; %NULL shows the value with unit
 *
 * Sets the marker programmatically (no "marker-moved" emission).
 */
void
flx_plot_set_marker (FlxPlot    *self,
                     gboolean    visible,
                     double      x,
                     const char *label)
{
  FlxPlotData *d;

  g_return_if_fail (FLX_IS_PLOT (self));
  d = self->data;
  g_object_freeze_notify (G_OBJECT (self));
  if (d->marker_visible != !!visible)
    {
      d->marker_visible = !!visible;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MARKER_VISIBLE]);
    }
  if (d->marker_x != x)
    {
      d->marker_x = x;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MARKER_X]);
    }
  if (g_strcmp0 (d->marker_label, label) != 0)
    {
      char *tmp = g_strdup (label);
      g_free (d->marker_label);
      d->marker_label = tmp;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MARKER_LABEL]);
    }
  g_object_thaw_notify (G_OBJECT (self));
  queue_overlay (self);
}

double
flx_plot_get_marker_x (FlxPlot *self)
{
  g_return_val_if_fail (FLX_IS_PLOT (self), NAN);
  return self->data->marker_x;
}

void
flx_plot_set_title (FlxPlot    *self,
                    const char *title)
{
  g_return_if_fail (FLX_IS_PLOT (self));
  if (set_str (&self->data->title, title))
    {
      data_changed (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
    }
}

const char *
flx_plot_get_title (FlxPlot *self)
{
  g_return_val_if_fail (FLX_IS_PLOT (self), NULL);
  return self->data->title;
}

void
flx_plot_set_large_text (FlxPlot  *self,
                         gboolean  large_text)
{
  g_return_if_fail (FLX_IS_PLOT (self));
  if (self->data->large_text == !!large_text)
    return;
  self->data->large_text = !!large_text;
  invalidate (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LARGE_TEXT]);
}

gboolean
flx_plot_get_large_text (FlxPlot *self)
{
  g_return_val_if_fail (FLX_IS_PLOT (self), FALSE);
  return self->data->large_text;
}

void
flx_plot_set_stale (FlxPlot  *self,
                    gboolean  stale)
{
  g_return_if_fail (FLX_IS_PLOT (self));
  if (self->stale == !!stale)
    return;
  self->stale = !!stale;
  queue_overlay (self); /* dimming is applied to the cached node, no rebuild */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STALE]);
}

gboolean
flx_plot_get_stale (FlxPlot *self)
{
  g_return_val_if_fail (FLX_IS_PLOT (self), FALSE);
  return self->stale;
}

void
flx_plot_set_preview_text (FlxPlot    *self,
                           const char *text)
{
  g_return_if_fail (FLX_IS_PLOT (self));
  if (set_str (&self->data->preview_text, text))
    {
      invalidate (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PREVIEW_TEXT]);
    }
}

const char *
flx_plot_get_preview_text (FlxPlot *self)
{
  g_return_val_if_fail (FLX_IS_PLOT (self), NULL);
  return self->data->preview_text;
}

void
flx_plot_set_legend_visible (FlxPlot  *self,
                             gboolean  visible)
{
  g_return_if_fail (FLX_IS_PLOT (self));
  if (self->data->legend_visible == !!visible)
    return;
  self->data->legend_visible = !!visible;
  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEGEND_VISIBLE]);
}

void
flx_plot_set_highlight_x (FlxPlot *self,
                          double   x)
{
  g_return_if_fail (FLX_IS_PLOT (self));
  if (!isfinite (x))
    x = NAN;
  if (x == self->highlight_x || (isnan (x) && isnan (self->highlight_x)))
    return;
  self->highlight_x = x;
  queue_overlay (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIGHLIGHT_X]);
}

double
flx_plot_get_highlight_x (FlxPlot *self)
{
  g_return_val_if_fail (FLX_IS_PLOT (self), NAN);
  return self->highlight_x;
}

double
flx_plot_get_hover_x (FlxPlot *self)
{
  g_return_val_if_fail (FLX_IS_PLOT (self), NAN);
  return self->hover_x;
}

/* Export draws with light paper colours and an opaque background, whatever the theme. */
static void
export_draw_cb (cairo_t *cr,
                double   width,
                double   height,
                gpointer user_data)
{
  FlxPlot *self = user_data;
  FlxDrawStyle saved = self->data->style;

  _flx_draw_style_init_light (&self->data->style);
  self->data->style.fill_background = TRUE;
  self->data->style.font_size = saved.font_size;
  g_strlcpy (self->data->style.font_family, saved.font_family, sizeof saved.font_family);
  flx_plot_draw (cr, self->data, width, height);
  self->data->style = saved;
}

static void
export_size (FlxPlot *self,
             int     *width,
             int     *height)
{
  if (*width <= 0)
    *width = gtk_widget_get_width (GTK_WIDGET (self)) > 0 ? gtk_widget_get_width (GTK_WIDGET (self)) : 800;
  if (*height <= 0)
    *height = gtk_widget_get_height (GTK_WIDGET (self)) > 0 ? gtk_widget_get_height (GTK_WIDGET (self)) : 500;
}

/**
 * flx_plot_export:
 * @path: destination; replaced atomically (temporary file, then rename), so a failed
 *   export leaves an existing file untouched
 * @format: PNG, SVG or PDF
 * @width: figure width in px (PNG) or pt (SVG/PDF); <= 0 for the widget's width
 * @height: figure height, likewise
 * @scale: PNG pixel density (2 gives a 2× image of the same layout); ignored for vectors
 * @error: return location for an error
 *
 * Writes the figure as drawn on screen but in light "paper" colours.  Main thread only.
 *
 * Returns: %TRUE on success
 */
gboolean
flx_plot_export (FlxPlot          *self,
                 const char       *path,
                 FlxExportFormat   format,
                 int               width,
                 int               height,
                 double            scale,
                 GError          **error)
{
  g_return_val_if_fail (FLX_IS_PLOT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  export_size (self, &width, &height);
  return _flx_export_draw (export_draw_cb, self, path, format, width, height, scale, error);
}

/**
 * flx_plot_export_to_surface:
 *
 * Returns: (transfer full): an ARGB32 image surface of the exported figure
 */
cairo_surface_t *
flx_plot_export_to_surface (FlxPlot *self,
                            int      width,
                            int      height,
                            double   scale)
{
  g_return_val_if_fail (FLX_IS_PLOT (self), NULL);
  export_size (self, &width, &height);
  if (!(scale > 0) || scale > 16)
    scale = 1;
  return _flx_draw_to_image (export_draw_cb, self, width, height, scale);
}

/**
 * flx_plot_export_to_texture:
 *
 * For the clipboard: gdk_clipboard_set_texture().
 *
 * Returns: (transfer full): the exported figure as a texture
 */
GdkTexture *
flx_plot_export_to_texture (FlxPlot *self,
                            int      width,
                            int      height,
                            double   scale)
{
  cairo_surface_t *surface;
  GBytes *bytes;
  GdkTexture *texture;
  int w, h, stride;

  g_return_val_if_fail (FLX_IS_PLOT (self), NULL);
  surface = flx_plot_export_to_surface (self, width, height, scale);
  w = cairo_image_surface_get_width (surface);
  h = cairo_image_surface_get_height (surface);
  stride = cairo_image_surface_get_stride (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface), (gsize) stride * h);
  /* GDK_MEMORY_DEFAULT is cairo's ARGB32 layout */
  texture = gdk_memory_texture_new (w, h, GDK_MEMORY_DEFAULT, bytes, stride);
  g_bytes_unref (bytes);
  cairo_surface_destroy (surface);
  return texture;
}
