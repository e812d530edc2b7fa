/* flx-lsmo-view.c: the LSMO switching page's result area.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A presenter sweeps the voltage and the audience watches the barrier: the channel's
 * temperature map replays the sweep frame by frame (play, pause, step, scrub), with the
 * T_c contour outlining the insulating barrier, while the I-V and barrier-width plots
 * mark the same point.  Dragging the marker on the I-V scrubs too.  Below, the SI5
 * analytic model (Fig S5.3): d_c and V_th against resistivity ratio, length and
 * thickness, eq 5.7/5.8 beside the full cubic 5.3.  The network's voltages are in SI6's
 * own units (kilovolts with the paper's k_h), so they are never drawn on the SI5 axes.
 */
#include "config.h"

#include "flx-lsmo-view.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "flx-field-view.h"
#include "flx-lsmo.h"
#include "flx-plot.h"
#include "flx-units.h"
#include "flx-view-util.h"

#define FRAME_INTERVAL_MS 80 /* ~12 frames/s at 1×: a 240-frame sweep replays in 20 s */


static const FlxStatSpec stats[] = {
  { "critical_width", N_("d_c (SI5, eq 5.7)") },
  { "threshold_voltage", N_("V_th (SI5, eq 5.8)") },
  { "ndr_onset_voltage", N_("NDR onset (network)"), N_("no NDR") },
  { "max_current", N_("Maximum current") },
  { "barrier_width_final", N_("Barrier at sweep top"), NULL, TRUE },
};

struct _FlxLsmoView
{
  GtkWidget        parent_instance;

  const FlxModel  *model;
  const FlxResult *result;  /* borrowed: the page keeps the outcome alive until the next */
  const FlxLsmoExtra *extra;
  double           t_c;
  double           t_lo, t_hi; /* colour limits fixed over the sweep */
  int              frame;      /* 0 .. n_up + n_down - 1 */
  guint            play_id;

  GtkWidget       *box;
  GtkWidget       *strip;
  GtkWidget       *map, *scrub, *frame_label, *play_button, *speed;
  GtkAdjustment   *scrub_adj;
  GtkWidget       *iv, *barrier, *s5[3];
  guint            s5_now[3];
  gboolean         syncing;
};

static void flx_lsmo_view_iface_init (FlxViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FlxLsmoView, flx_lsmo_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (FLX_TYPE_VIEW, flx_lsmo_view_iface_init))

static int
n_frames (FlxLsmoView *self)
{
  return self->extra ? (int) (self->extra->result.n_up + self->extra->result.n_down) : 0;
}

static const FlxLsmoPoint *
frame_point (FlxLsmoView *self, int k, gboolean *up)
{
  const FlxLsmoResult *r = &self->extra->result;

  *up = k < (int) r->n_up;
  return *up ? &r->up[k] : &r->down[k - r->n_up];
}

static void
show_frame (FlxLsmoView *self, int k)
{
  const FlxLsmoResult *r;
  const FlxLsmoPoint *pt;
  gboolean up;
  g_autofree char *v = NULL, *i = NULL, *text = NULL;

  if (self->extra == NULL || n_frames (self) == 0)
    return;
  r = &self->extra->result;
  k = CLAMP (k, 0, n_frames (self) - 1);
  self->frame = k;
  pt = frame_point (self, k, &up);

  if (pt->temperature != NULL)
    flx_field_view_set_data (FLX_FIELD_VIEW (self->map), pt->temperature, (int) r->nx,
                             (int) r->ny, 0, r->length, 0, r->width);
  flx_plot_set_marker (FLX_PLOT (self->iv), TRUE, pt->voltage, NULL);
  flx_plot_set_highlight_x (FLX_PLOT (self->barrier), pt->voltage);

  v = flx_units_format (pt->voltage, "V", 3);
  i = flx_units_format (pt->current, "A", 3);
  text = g_strdup_printf (_("%s: V = %s, I = %s, barrier %.0f%% of the length, hottest %.0f K"),
                          up ? _("Sweep up") : _("Sweep down"), v, i,
                          100 * pt->barrier_fraction, pt->t_max);
  gtk_label_set_text (GTK_LABEL (self->frame_label), text);

  self->syncing = TRUE;
  gtk_adjustment_set_value (self->scrub_adj, k);
  self->syncing = FALSE;
}

static gboolean
play_tick_cb (gpointer data)
{
  FlxLsmoView *self = data;

  if (self->frame + 1 >= n_frames (self))
    {
      self->play_id = 0;
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->play_button), FALSE);
      return G_SOURCE_REMOVE;
    }
  show_frame (self, self->frame + 1);
  return G_SOURCE_CONTINUE;
}

static void
play_toggled_cb (GtkToggleButton *button, FlxLsmoView *self)
{
  gboolean on = gtk_toggle_button_get_active (button);

  gtk_button_set_icon_name (GTK_BUTTON (button),
                            on ? "media-playback-pause-symbolic" : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (button), on ? _("Pause") : _("Play the Sweep"));
  g_clear_handle_id (&self->play_id, g_source_remove);
  if (on)
    {
      if (self->frame + 1 >= n_frames (self))
        show_frame (self, 0); /* replay from the start */
      /* A timer only while playing: an idle page costs no CPU. */
      double speed = flx_view_speed_get (self->speed);
      self->play_id = g_timeout_add ((guint) (FRAME_INTERVAL_MS / speed), play_tick_cb, self);
    }
}

static void
speed_changed_cb (GtkDropDown *dd, GParamSpec *pspec, FlxLsmoView *self)
{
  /* Restart the timer at the new pace if playing. */
  if (self->play_id != 0)
    play_toggled_cb (GTK_TOGGLE_BUTTON (self->play_button), self);
  g_signal_emit_by_name (self, "speed-changed");
}

static void
step_back_cb (GtkButton *button, FlxLsmoView *self)
{
  show_frame (self, self->frame - 1);
}

static void
step_forward_cb (GtkButton *button, FlxLsmoView *self)
{
  show_frame (self, self->frame + 1);
}

static void
scrub_changed_cb (GtkAdjustment *adj, FlxLsmoView *self)
{
  if (!self->syncing)
    show_frame (self, (int) lround (gtk_adjustment_get_value (adj)));
}

/* Dragging the I-V marker scrubs the sweep up to the nearest voltage. */
static void
iv_marker_moved_cb (FlxPlot *plot, double voltage, FlxLsmoView *self)
{
  const FlxLsmoResult *r;
  int best = 0;

  if (self->extra == NULL)
    return;
  r = &self->extra->result;
  for (size_t k = 1; k < r->n_up; k++)
    if (fabs (r->up[k].voltage - voltage) < fabs (r->up[best].voltage - voltage))
      best = (int) k;
  show_frame (self, best);
}

/* --- FlxView ------------------------------------------------------------------------------ */

static void
set_series (FlxPlot *plot, const FlxResult *r, const char *name, const char *label,
            FlxAxisId axis, FlxDash dash, int palette)
{
  const FlxSeries *s = flx_result_get_series (r, name);

  if (s == NULL)
    {
      flx_plot_remove_series (plot, name);
      return;
    }
  flx_plot_set_series (plot, name, label, s->x, s->y, s->n);
  flx_plot_set_series_y_axis (plot, name, axis);
  flx_plot_set_series_dash (plot, name, dash);
  flx_plot_set_series_palette_index (plot, name, palette);
}

static void
flx_lsmo_view_update (FlxView *view, const FlxResult *r, const double *values)
{
  FlxLsmoView *self = FLX_LSMO_VIEW (view);
  const char *preview = r->quality == FLX_QUALITY_FAST ? _("preview") : NULL;
  static const char *const s5_axis[3] = { "alpha", "length", "thickness" };
  static const char *const s5_param[3] = { "alpha_ratio", "length", "thickness" };
  gboolean was_at_end = self->extra == NULL || self->frame >= n_frames (self) - 1;
  double frac = n_frames (self) > 1 ? (double) self->frame / (n_frames (self) - 1) : 1.0;

  self->result = r;
  self->extra = r->extra;
  self->t_c = values[flx_model_find_param (self->model, "t_c")];

  flx_stat_strip_update (self->strip, r);

  set_series (FLX_PLOT (self->iv), r, "iv_up", _("sweep up"), FLX_AXIS_Y, FLX_DASH_SOLID, 0);
  set_series (FLX_PLOT (self->iv), r, "iv_down", _("sweep down"), FLX_AXIS_Y, FLX_DASH_DASHED, 1);
  flx_plot_set_preview_text (FLX_PLOT (self->iv), preview);
  set_series (FLX_PLOT (self->barrier), r, "barrier_width_vs_voltage", _("barrier width"),
              FLX_AXIS_Y, FLX_DASH_SOLID, 2);
  set_series (FLX_PLOT (self->barrier), r, "peak_temperature_vs_voltage", _("hottest node"),
              FLX_AXIS_Y2, FLX_DASH_DASHED, 3);
  flx_plot_set_preview_text (FLX_PLOT (self->barrier), preview);

  for (int a = 0; a < 3; a++)
    {
      FlxPlot *p = FLX_PLOT (self->s5[a]);
      g_autofree char *dc = g_strdup_printf ("critical_width_vs_%s", s5_axis[a]);
      g_autofree char *dcc = g_strdup_printf ("critical_width_cubic_vs_%s", s5_axis[a]);
      g_autofree char *vt = g_strdup_printf ("threshold_voltage_vs_%s", s5_axis[a]);
      g_autofree char *vtc = g_strdup_printf ("threshold_voltage_cubic_vs_%s", s5_axis[a]);
      double x = values[flx_model_find_param (self->model, s5_param[a])];

      set_series (p, r, dc, _("d<sub>c</sub>, eq 5.7"), FLX_AXIS_Y, FLX_DASH_SOLID, 5);
      set_series (p, r, dcc, _("d<sub>c</sub>, cubic 5.3"), FLX_AXIS_Y, FLX_DASH_DASHED, 5);
      set_series (p, r, vt, _("V<sub>th</sub>, eq 5.8"), FLX_AXIS_Y2, FLX_DASH_SOLID, 4);
      set_series (p, r, vtc, _("V<sub>th</sub>, cubic 5.3"), FLX_AXIS_Y2, FLX_DASH_DASHED, 4);
      /* The network's answer for this device: the barrier width right after it first
       * forms in the sweep up, on the d_c axis at this device's parameter value. */
      if (r->extra != NULL)
        {
          const FlxLsmoResult *lr = &((const FlxLsmoExtra *) r->extra)->result;
          double d_net = NAN;
          for (size_t k = 0; k < lr->n_up && !isfinite (d_net); k++)
            if (lr->up[k].barrier_fraction > 0)
              d_net = lr->up[k].barrier_fraction * lr->length;
          if (isfinite (d_net))
            {
              flx_plot_set_series (p, "network", _("first barrier, network (SI6)"), &x, &d_net, 1);
              flx_plot_set_series_style (p, "network", FLX_SERIES_MARKERS);
              flx_plot_set_series_palette_index (p, "network", 2);
            }
          else
            flx_plot_remove_series (p, "network");
        }
      if (self->s5_now[a] != 0)
        flx_plot_remove_annotation (p, self->s5_now[a]);
      self->s5_now[a] = flx_plot_add_vline (p, x, _("this device"), FLX_DASH_DOTTED, NULL);
    }

  if (self->extra != NULL && n_frames (self) > 0)
    {
      const FlxLsmoResult *lr = &self->extra->result;
      double levels[1] = { self->t_c };

      /* One colour scale for the whole sweep, so frames compare. */
      self->t_lo = G_MAXDOUBLE;
      self->t_hi = -G_MAXDOUBLE;
      for (int k = 0; k < n_frames (self); k++)
        {
          gboolean up;
          const FlxLsmoPoint *pt = frame_point (self, k, &up);
          self->t_lo = MIN (self->t_lo, self->extra->params.t_substrate);
          self->t_hi = MAX (self->t_hi, pt->t_max);
        }
      flx_field_view_set_limits (FLX_FIELD_VIEW (self->map), self->t_lo,
                                 MAX (self->t_hi, self->t_lo + 1));
      flx_field_view_set_contours (FLX_FIELD_VIEW (self->map), levels, 1);
      gtk_adjustment_configure (self->scrub_adj, 0, 0, n_frames (self) - 1, 1, 10, 0);
      /* Keep the viewer's place in the sweep across parameter changes. */
      show_frame (self, was_at_end ? (int) lr->n_up - 1
                                   : (int) lround (frac * (n_frames (self) - 1)));
    }
}

static void
flx_lsmo_view_set_stale (FlxView *view, gboolean stale)
{
  FlxLsmoView *self = FLX_LSMO_VIEW (view);

  flx_plot_set_stale (FLX_PLOT (self->iv), stale);
  flx_plot_set_stale (FLX_PLOT (self->barrier), stale);
  for (int a = 0; a < 3; a++)
    flx_plot_set_stale (FLX_PLOT (self->s5[a]), stale);
  flx_field_view_set_stale (FLX_FIELD_VIEW (self->map), stale);
}

/* Each plot with the curves a pin is compared on (the eq 5.7/5.8 ones for SI5, not the
 * cubic twins, to keep four pins readable), and its key in session files. */
static void
plot_table (FlxLsmoView *self, FlxViewPlotSpec out[5])
{
  static const char *const iv[] = { "iv_up", "iv_down", NULL };
  static const char *const barrier[] = { "barrier_width_vs_voltage",
                                         "peak_temperature_vs_voltage", NULL };
  static const char *const s5[3][3] = {
    { "critical_width_vs_alpha", "threshold_voltage_vs_alpha", NULL },
    { "critical_width_vs_length", "threshold_voltage_vs_length", NULL },
    { "critical_width_vs_thickness", "threshold_voltage_vs_thickness", NULL },
  };
  static const char *const s5_keys[3] = { "s5-alpha", "s5-length", "s5-thickness" };

  out[0] = (FlxViewPlotSpec) { self->iv, "iv", iv };
  out[1] = (FlxViewPlotSpec) { self->barrier, "barrier", barrier };
  for (int a = 0; a < 3; a++)
    out[2 + a] = (FlxViewPlotSpec) { self->s5[a], s5_keys[a], s5[a] };
}

static void
flx_lsmo_view_set_pins (FlxView *view, const FlxPin *pins, guint n)
{
  FlxViewPlotSpec t[5];

  plot_table (FLX_LSMO_VIEW (view), t);
  flx_view_plots_add_pins (t, G_N_ELEMENTS (t), pins, n);
}

/* Plot zoom and the replay speed (a factor of the 1× pace). */
static void
flx_lsmo_view_save_state (FlxView *view, GKeyFile *kf, const char *group)
{
  FlxLsmoView *self = FLX_LSMO_VIEW (view);
  FlxViewPlotSpec t[5];

  plot_table (self, t);
  flx_view_plots_save_state (t, G_N_ELEMENTS (t), kf, group);
  flx_view_speed_save_state (self->speed, kf, group);
}

static void
flx_lsmo_view_load_state (FlxView *view, GKeyFile *kf, const char *group, GPtrArray *problems)
{
  FlxLsmoView *self = FLX_LSMO_VIEW (view);
  FlxViewPlotSpec t[5];

  plot_table (self, t);
  flx_view_plots_load_state (t, G_N_ELEMENTS (t), kf, group, problems);
  flx_view_speed_load_state (self->speed, kf, group, problems);
}

/* The replay speed is the drop-down's: the nearest it offers. */
static void
flx_lsmo_view_set_speed (FlxView *view, double speed)
{
  flx_view_speed_set (FLX_LSMO_VIEW (view)->speed, speed);
}

static double
flx_lsmo_view_get_speed (FlxView *view)
{
  return flx_view_speed_get (FLX_LSMO_VIEW (view)->speed);
}

static void
flx_lsmo_view_iface_init (FlxViewInterface *iface)
{
  iface->update = flx_lsmo_view_update;
  iface->set_stale = flx_lsmo_view_set_stale;
  iface->set_pins = flx_lsmo_view_set_pins;
  iface->save_state = flx_lsmo_view_save_state;
  iface->load_state = flx_lsmo_view_load_state;
  iface->set_speed = flx_lsmo_view_set_speed;
  iface->get_speed = flx_lsmo_view_get_speed;
}

/* --- object -------------------------------------------------------------------------------- */

static void
flx_lsmo_view_dispose (GObject *object)
{
  FlxLsmoView *self = FLX_LSMO_VIEW (object);

  g_clear_handle_id (&self->play_id, g_source_remove);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (flx_lsmo_view_parent_class)->dispose (object);
}

static void
flx_lsmo_view_class_init (FlxLsmoViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = flx_lsmo_view_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "flxlsmoview");
}

static void
flx_lsmo_view_init (FlxLsmoView *self)
{
}

FlxView *
flx_lsmo_view_new (const FlxModel *model)
{
  FlxLsmoView *self = g_object_new (FLX_TYPE_LSMO_VIEW, NULL);
  GtkWidget *bar, *row, *s5row;
  static const char *const s5_titles[3] = {
    N_("vs resistivity ratio (Fig S5.3a)"), N_("vs device length (Fig S5.3b)"),
    N_("vs film thickness (Fig S5.3c)"),
  };
  static const char *const s5_xl[3] = { N_("(ρ_I − ρ_M)/ρ_M"), N_("Length"), N_("Thickness") };
  static const char *const s5_xu[3] = { "", "m", "m" };
  self->model = model;
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->strip = flx_stat_strip_new (model, stats, G_N_ELEMENTS (stats), 5);
  gtk_box_append (GTK_BOX (self->box), self->strip);

  /* The channel, animated through the sweep. */
  self->map = flx_field_view_new ();
  flx_field_view_set_title (FLX_FIELD_VIEW (self->map),
                            _("Channel temperature (contour: T_c, the insulating barrier)"));
  flx_field_view_set_value_label (FLX_FIELD_VIEW (self->map), _("T"), "K");
  flx_field_view_set_axis_labels (FLX_FIELD_VIEW (self->map), _("x (current)"), _("y"), "m");
  flx_field_view_set_colormap (FLX_FIELD_VIEW (self->map), FLX_COLORMAP_VIRIDIS);
  gtk_widget_set_size_request (self->map, 400, 260);
  gtk_box_append (GTK_BOX (self->box), self->map);

  bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->play_button = gtk_toggle_button_new ();
  gtk_button_set_icon_name (GTK_BUTTON (self->play_button), "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (self->play_button, _("Play the Sweep"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->play_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Play the Sweep"), -1);
  g_signal_connect (self->play_button, "toggled", G_CALLBACK (play_toggled_cb), self);
  gtk_box_append (GTK_BOX (bar), self->play_button);
  gtk_box_append (GTK_BOX (bar),
                  flx_view_icon_button_new ("media-skip-backward-symbolic", _("Previous Point"),
                                            G_CALLBACK (step_back_cb), self));
  gtk_box_append (GTK_BOX (bar),
                  flx_view_icon_button_new ("media-skip-forward-symbolic", _("Next Point"),
                                            G_CALLBACK (step_forward_cb), self));
  self->scrub_adj = gtk_adjustment_new (0, 0, 1, 1, 10, 0);
  self->scrub = gtk_scale_new (GTK_ORIENTATION_HORIZONTAL, self->scrub_adj);
  gtk_scale_set_draw_value (GTK_SCALE (self->scrub), FALSE);
  gtk_widget_set_hexpand (self->scrub, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->scrub), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Sweep point"), -1);
  g_signal_connect (self->scrub_adj, "value-changed", G_CALLBACK (scrub_changed_cb), self);
  gtk_box_append (GTK_BOX (bar), self->scrub);
  self->speed = flx_view_speed_new ();
  g_signal_connect (self->speed, "notify::selected", G_CALLBACK (speed_changed_cb), self);
  gtk_box_append (GTK_BOX (bar), self->speed);
  gtk_box_append (GTK_BOX (self->box), bar);
  self->frame_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->frame_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->frame_label), TRUE);
  gtk_widget_add_css_class (self->frame_label, "scalar-value");
  gtk_box_append (GTK_BOX (self->box), self->frame_label);

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_box_set_homogeneous (GTK_BOX (row), TRUE);
  self->iv = flx_view_plot_new (_("I-V of the network (Fig S6c)"), _("Voltage"), "V",
                                _("Current"), "A", FALSE);
  g_signal_connect (self->iv, "marker-moved", G_CALLBACK (iv_marker_moved_cb), self);
  self->barrier = flx_view_plot_new (_("Insulating barrier (Fig 3)"), _("Voltage"), "V",
                                     _("Barrier width / length"), "", FALSE);
  flx_plot_set_axis (FLX_PLOT (self->barrier), FLX_AXIS_Y2, _("Hottest node"), "K");
  gtk_box_append (GTK_BOX (row), self->iv);
  gtk_box_append (GTK_BOX (row), self->barrier);
  gtk_box_append (GTK_BOX (self->box), row);

  s5row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_box_set_homogeneous (GTK_BOX (s5row), TRUE);
  for (int a = 0; a < 3; a++)
    {
      self->s5[a] = flx_view_plot_new (_(s5_titles[a]), _(s5_xl[a]), s5_xu[a], _("d_c"), "m",
                                       FALSE);
      flx_plot_set_axis (FLX_PLOT (self->s5[a]), FLX_AXIS_Y2, _("V_th"), "V");
      flx_plot_set_axis_scale (FLX_PLOT (self->s5[a]), FLX_AXIS_X, FLX_AXIS_SCALE_LOG10);
      gtk_widget_set_size_request (self->s5[a], 200, 240);
      gtk_box_append (GTK_BOX (s5row), self->s5[a]);
    }
  gtk_box_append (GTK_BOX (self->box), s5row);
  return FLX_VIEW (self);
}
