/* flx-cfr-view.c: the colossal flexoresistance page's result area.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a student should see at a glance, top to bottom: the key numbers against their
 * thresholds; the strain-gradient and polarization cross-sections under the tip; the band
 * diagram beside R/R0 versus the barrier change (Fig 1b) with the current state marked;
 * resistivity versus force for this tip and the paper's three tips (Fig 3b, with a
 * draggable force marker) beside their collapse against the strain gradient (Fig 3c); the
 * I-V at the current force (Fig 3a).  Depth is linked between the maps and the band
 * diagram: hovering one draws a cursor in the other.
 */
#include "config.h"

#include "flx-cfr-view.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "flx-field-view.h"
#include "flx-plot.h"
#include "flx-units.h"
#include "flx-view-util.h"

static const FlxStatSpec stats[] = {
  { "contact_radius", N_("Contact radius") },
  { "strain_gradient", N_("Strain gradient") },
  { "threshold_gradient", N_("Threshold gradient") },
  { "polarization", N_("Polarization") },
  { "delta_phi", N_("Barrier change Δφ") },
  { "resistance_ratio", N_("R/R₀") },
};

struct _FlxCfrView
{
  GtkWidget       parent_instance;

  const FlxModel *model;
  GtkWidget      *box;
  GtkWidget      *strip;
  GtkWidget      *grad_map, *pol_map;
  GtkWidget      *band, *fig1b, *force_plot, *collapse, *iv;
  guint           fig1b_now, collapse_now, collapse_th, iv_now; /* annotation ids */
  guint           force_th, fig1b_phi0, fig1b_vb;
  double          thickness, f_eff;
  const FlxResult *result; /* borrowed: the page keeps its outcome alive until the next */
};

static void flx_cfr_view_iface_init (FlxViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FlxCfrView, flx_cfr_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (FLX_TYPE_VIEW, flx_cfr_view_iface_init))

/* --- helpers --------------------------------------------------------------------------- */

static void
set_series (FlxPlot *plot, const FlxResult *r, const char *name, const char *label)
{
  const FlxSeries *s = flx_result_get_series (r, name);

  if (s != NULL)
    flx_plot_set_series (plot, name, label, s->x, s->y, s->n);
  else
    flx_plot_remove_series (plot, name);
}

static void
set_tip_series (FlxPlot *plot, const FlxResult *r, const char *name, const char *label,
                int palette)
{
  set_series (plot, r, name, label);
  /* The same tip keeps the same colour in every plot. */
  if (flx_result_get_series (r, name) != NULL)
    flx_plot_set_series_palette_index (plot, name, palette);
}

static double
scalar (const FlxResult *r, const char *name)
{
  double v = NAN;
  flx_result_get_scalar (r, name, &v);
  return v;
}

static void
replace_vline (FlxPlot *plot, guint *id, double x, const char *label, FlxDash dash)
{
  if (*id != 0)
    flx_plot_remove_annotation (plot, *id);
  *id = isfinite (x) ? flx_plot_add_vline (plot, x, label, dash, NULL) : 0;
}

static GtkWidget *
new_map (const char *title, const char *label, const char *unit)
{
  GtkWidget *map = flx_field_view_new ();

  flx_field_view_set_title (FLX_FIELD_VIEW (map), title);
  flx_field_view_set_value_label (FLX_FIELD_VIEW (map), label, unit);
  flx_field_view_set_axis_labels (FLX_FIELD_VIEW (map), "x1", "x3", "m");
  flx_field_view_set_colormap (FLX_FIELD_VIEW (map), FLX_COLORMAP_DIVERGING);
  flx_field_view_set_auto_limits (FLX_FIELD_VIEW (map), TRUE);
  /* A 4 nm film under a 50 nm window: true aspect would be a sliver. */
  flx_field_view_set_keep_aspect (FLX_FIELD_VIEW (map), FALSE);
  gtk_widget_set_size_request (map, 280, 200);
  gtk_widget_set_hexpand (map, TRUE);
  return map;
}

/* --- linked cursors: depth is -x3 in the maps and x in the band diagram ----------------- */

static void
map_hover_cb (FlxFieldView *map, double x, double y, double value, FlxCfrView *self)
{
  double depth = isfinite (y) ? -y : INFINITY;

  flx_plot_set_highlight_x (FLX_PLOT (self->band), depth);
  flx_field_view_set_highlight (FLX_FIELD_VIEW (map == FLX_FIELD_VIEW (self->grad_map)
                                                ? self->pol_map : self->grad_map), x, y);
}

static void
band_hover_cb (FlxPlot *plot, GParamSpec *pspec, FlxCfrView *self)
{
  double depth = flx_plot_get_hover_x (plot);
  double y = isfinite (depth) ? -depth : NAN;

  flx_field_view_set_highlight (FLX_FIELD_VIEW (self->grad_map), 0.0, y);
  flx_field_view_set_highlight (FLX_FIELD_VIEW (self->pol_map), 0.0, y);
}

/* Hovering a force on the resistivity curve shows that state in the other plots: the
 * strain gradient it produces (Fig 3c) and its barrier change (Fig 1b).  The force and
 * gradient curves share one force grid, so the index carries over. */
static void
force_hover_cb (FlxPlot *plot, GParamSpec *pspec, FlxCfrView *self)
{
  double f = flx_plot_get_hover_x (plot);
  const FlxSeries *fs, *gs;
  size_t best = 0;

  if (self->result == NULL || !isfinite (f) ||
      (fs = flx_result_get_series (self->result, "resistance_vs_force")) == NULL ||
      (gs = flx_result_get_series (self->result, "resistance_vs_gradient")) == NULL ||
      gs->n != fs->n)
    {
      flx_plot_set_highlight_x (FLX_PLOT (self->collapse), INFINITY);
      flx_plot_set_highlight_x (FLX_PLOT (self->fig1b), INFINITY);
      return;
    }
  for (size_t k = 1; k < fs->n; k++)
    if (fabs (fs->x[k] - f) < fabs (fs->x[best] - f))
      best = k;
  flx_plot_set_highlight_x (FLX_PLOT (self->collapse), gs->x[best]);
  /* delta_phi = e P t / (2 eps) = f_eff g t / 2 in eV (eqs 2 and 5). */
  flx_plot_set_highlight_x (FLX_PLOT (self->fig1b), self->f_eff * gs->x[best] * self->thickness / 2);
}

static void
force_marker_moved_cb (FlxPlot *plot, double force, FlxCfrView *self)
{
  flx_view_request_parameter (FLX_VIEW (self), "force", force);
}

/* --- FlxView ----------------------------------------------------------------------------- */

static void
flx_cfr_view_update (FlxView *view, const FlxResult *r, const double *values)
{
  FlxCfrView *self = FLX_CFR_VIEW (view);
  const FlxField *f;
  const FlxSeries *s, *vb;
  double a = scalar (r, "contact_radius");
  double force = values[flx_model_find_param (self->model, "force")];
  double bias = values[flx_model_find_param (self->model, "bias")];
  const char *preview = r->quality == FLX_QUALITY_FAST ? _("preview") : NULL;
  FlxPlot *band = FLX_PLOT (self->band);

  self->thickness = values[flx_model_find_param (self->model, "thickness")];
  self->f_eff = values[flx_model_find_param (self->model, "f_eff")];
  self->result = r;
  flx_stat_strip_update (self->strip, r);

  /* Maps, with the contact patch drawn on the surface. */
  if ((f = flx_result_get_field (r, "strain_gradient_map")) != NULL)
    flx_view_show_field (self->grad_map, f);
  if ((f = flx_result_get_field (r, "polarization_map")) != NULL)
    flx_view_show_field (self->pol_map, f);
  if (isfinite (a))
    {
      const double px[2] = { -a, a }, py[2] = { 0, 0 };
      flx_field_view_set_overlay (FLX_FIELD_VIEW (self->grad_map), px, py, 2);
      flx_field_view_set_overlay (FLX_FIELD_VIEW (self->pol_map), px, py, 2);
    }

  /* Band diagram: the gap shaded between valence and conduction band edges. */
  s = flx_result_get_series (r, "band_diagram");
  vb = flx_result_get_series (r, "band_valence");
  if (s != NULL && vb != NULL && vb->n == s->n)
    flx_plot_set_series_fill (band, "gap", _("Band gap"), s->x, vb->y, s->y, s->n);
  set_series (band, r, "band_diagram", _("Conduction band"));
  set_series (band, r, "band_valence", _("Valence band"));
  set_series (band, r, "band_barrier", _("Tunnel barrier"));
  set_series (band, r, "fermi_level_tip", _("E<sub>F</sub> tip"));
  set_series (band, r, "fermi_level_bottom", _("E<sub>F</sub> SrRuO<sub>3</sub>"));
  flx_plot_set_preview_text (band, preview);

  /* Fig 1b with the current state. */
  set_series (FLX_PLOT (self->fig1b), r, "resistance_vs_delta_phi", _("with valence band"));
  set_series (FLX_PLOT (self->fig1b), r, "resistance_vs_delta_phi_no_vb",
              _("without valence band"));
  if (flx_result_get_series (r, "resistance_vs_delta_phi_no_vb") != NULL)
    flx_plot_set_series_dash (FLX_PLOT (self->fig1b), "resistance_vs_delta_phi_no_vb",
                              FLX_DASH_DASHED);
  replace_vline (FLX_PLOT (self->fig1b), &self->fig1b_now, scalar (r, "delta_phi"), _("now"),
                 FLX_DASH_SOLID);
  /* Where the barrier turns triangular (delta_phi = phi0) and where the valence band
   * reaches the Fermi level (delta_phi = Dbg - phi0): the kinks of Fig 1b. */
  {
    double phi0 = values[flx_model_find_param (self->model, "phi0")];
    double gap = values[flx_model_find_param (self->model, "bandgap")];
    replace_vline (FLX_PLOT (self->fig1b), &self->fig1b_phi0, phi0, _("φ₀"), FLX_DASH_DOTTED);
    replace_vline (FLX_PLOT (self->fig1b), &self->fig1b_vb, gap - phi0, _("VB at E<sub>F</sub>"),
                   FLX_DASH_DOTTED);
  }
  flx_plot_set_preview_text (FLX_PLOT (self->fig1b), preview);

  /* Fig 3b: this tip and the paper's three. */
  set_tip_series (FLX_PLOT (self->force_plot), r, "resistivity_vs_force", _("this tip"), 0);
  set_tip_series (FLX_PLOT (self->force_plot), r, "resistivity_vs_force_100nm", _("R = 100 nm"), 1);
  set_tip_series (FLX_PLOT (self->force_plot), r, "resistivity_vs_force_165nm", _("R = 165 nm"), 2);
  set_tip_series (FLX_PLOT (self->force_plot), r, "resistivity_vs_force_215nm", _("R = 215 nm"), 3);
  flx_plot_set_marker (FLX_PLOT (self->force_plot), TRUE, force, NULL);
  replace_vline (FLX_PLOT (self->force_plot), &self->force_th, scalar (r, "threshold_force"),
                 _("threshold"), FLX_DASH_DASHED);
  flx_plot_set_preview_text (FLX_PLOT (self->force_plot), preview);

  /* Fig 3c: the three tips collapse on the strain gradient. */
  set_tip_series (FLX_PLOT (self->collapse), r, "resistivity_vs_gradient_100nm", _("R = 100 nm"), 1);
  set_tip_series (FLX_PLOT (self->collapse), r, "resistivity_vs_gradient_165nm", _("R = 165 nm"), 2);
  set_tip_series (FLX_PLOT (self->collapse), r, "resistivity_vs_gradient_215nm", _("R = 215 nm"), 3);
  replace_vline (FLX_PLOT (self->collapse), &self->collapse_th, scalar (r, "threshold_gradient"),
                 _("threshold"), FLX_DASH_DASHED);
  replace_vline (FLX_PLOT (self->collapse), &self->collapse_now, scalar (r, "strain_gradient"),
                 _("now"), FLX_DASH_SOLID);
  flx_plot_set_preview_text (FLX_PLOT (self->collapse), preview);

  /* Fig 3a: what the instrument measures at this force. */
  set_series (FLX_PLOT (self->iv), r, "iv_measured", _("measured"));
  replace_vline (FLX_PLOT (self->iv), &self->iv_now, bias, _("bias"), FLX_DASH_DOTTED);
  flx_plot_set_preview_text (FLX_PLOT (self->iv), preview);
}

static void
flx_cfr_view_set_stale (FlxView *view, gboolean stale)
{
  FlxCfrView *self = FLX_CFR_VIEW (view);
  GtkWidget *plots[] = { self->band, self->fig1b, self->force_plot, self->collapse, self->iv };

  for (gsize i = 0; i < G_N_ELEMENTS (plots); i++)
    flx_plot_set_stale (FLX_PLOT (plots[i]), stale);
  flx_field_view_set_stale (FLX_FIELD_VIEW (self->grad_map), stale);
  flx_field_view_set_stale (FLX_FIELD_VIEW (self->pol_map), stale);
}

/* Each plot with the curves a pin is compared on, and its key in session files. */
static void
plot_table (FlxCfrView *self, FlxViewPlotSpec out[5])
{
  static const char *const band[] = { "band_diagram", "band_valence", NULL };
  static const char *const fig1b[] = { "resistance_vs_delta_phi", NULL };
  static const char *const force[] = { "resistivity_vs_force", NULL };
  /* The three tips collapse onto one curve: the middle tip stands for them. */
  static const char *const collapse[] = { "resistivity_vs_gradient_165nm", NULL };
  static const char *const iv[] = { "iv_measured", NULL };

  out[0] = (FlxViewPlotSpec) { self->band, "band", band };
  out[1] = (FlxViewPlotSpec) { self->fig1b, "fig1b", fig1b };
  out[2] = (FlxViewPlotSpec) { self->force_plot, "force", force };
  out[3] = (FlxViewPlotSpec) { self->collapse, "collapse", collapse };
  out[4] = (FlxViewPlotSpec) { self->iv, "iv", iv };
}

static void
flx_cfr_view_set_pins (FlxView *view, const FlxPin *pins, guint n)
{
  FlxCfrView *self = FLX_CFR_VIEW (view);
  FlxViewPlotSpec t[5];

  plot_table (self, t);
  flx_view_plots_add_pins (t, G_N_ELEMENTS (t), pins, n);
  /* Where each pinned run sits on the curves that do not depend on the force: without
   * these a force pin would only retrace them. */
  flx_view_plot_add_pin_points (self->fig1b, "state", "delta_phi", "resistance_ratio", pins, n);
  flx_view_plot_add_pin_points (self->force_plot, "state", "force", "resistivity", pins, n);
  flx_view_plot_add_pin_points (self->collapse, "state", "strain_gradient", "resistivity",
                                pins, n);
}

static void
flx_cfr_view_save_state (FlxView *view, GKeyFile *kf, const char *group)
{
  FlxViewPlotSpec t[5];

  plot_table (FLX_CFR_VIEW (view), t);
  flx_view_plots_save_state (t, G_N_ELEMENTS (t), kf, group);
}

static void
flx_cfr_view_load_state (FlxView *view, GKeyFile *kf, const char *group, GPtrArray *problems)
{
  FlxViewPlotSpec t[5];

  plot_table (FLX_CFR_VIEW (view), t);
  flx_view_plots_load_state (t, G_N_ELEMENTS (t), kf, group, problems);
}

static void
flx_cfr_view_iface_init (FlxViewInterface *iface)
{
  iface->update = flx_cfr_view_update;
  iface->set_stale = flx_cfr_view_set_stale;
  iface->set_pins = flx_cfr_view_set_pins;
  iface->save_state = flx_cfr_view_save_state;
  iface->load_state = flx_cfr_view_load_state;
}

/* --- object ------------------------------------------------------------------------------ */

static void
flx_cfr_view_dispose (GObject *object)
{
  FlxCfrView *self = FLX_CFR_VIEW (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (flx_cfr_view_parent_class)->dispose (object);
}

static void
flx_cfr_view_class_init (FlxCfrViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = flx_cfr_view_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "flxcfrview");
}

static void
flx_cfr_view_init (FlxCfrView *self)
{
}

FlxView *
flx_cfr_view_new (const FlxModel *model)
{
  FlxCfrView *self = g_object_new (FLX_TYPE_CFR_VIEW, NULL);
  self->model = model;
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  /* Key numbers, read like a dashboard. */
  self->strip = flx_stat_strip_new (model, stats, G_N_ELEMENTS (stats), 3);
  gtk_box_append (GTK_BOX (self->box), self->strip);

  self->grad_map = new_map (_("Transverse strain gradient under the tip"),
                            _("∂u<sub>t</sub>/∂x<sub>3</sub>"), "1/m");
  self->pol_map = new_map (_("Flexoelectric polarization"), _("P"), "C/m^2");
  g_signal_connect (self->grad_map, "hover", G_CALLBACK (map_hover_cb), self);
  g_signal_connect (self->pol_map, "hover", G_CALLBACK (map_hover_cb), self);
  gtk_box_append (GTK_BOX (self->box), flx_view_pair_new (self->grad_map, self->pol_map));

  self->band = flx_view_plot_new (_("Band diagram (Fig 1a)"), _("Depth"), "m", _("Energy"), "eV", FALSE);
  g_signal_connect (self->band, "notify::hover-x", G_CALLBACK (band_hover_cb), self);
  self->fig1b = flx_view_plot_new (_("Tunnelling resistance (Fig 1b)"), _("Barrier change Δφ"), "eV",
                          _("R/R₀"), "", TRUE);
  gtk_box_append (GTK_BOX (self->box), flx_view_pair_new (self->band, self->fig1b));

  self->force_plot = flx_view_plot_new (_("Resistivity vs force (Fig 3b)"), _("Force"), "N",
                               _("Resistivity"), "ohm*m", TRUE);
  g_signal_connect (self->force_plot, "marker-moved", G_CALLBACK (force_marker_moved_cb), self);
  g_signal_connect (self->force_plot, "notify::hover-x", G_CALLBACK (force_hover_cb), self);
  self->collapse = flx_view_plot_new (_("Collapse on the strain gradient (Fig 3c)"),
                             _("Strain gradient"), "1/m", _("Resistivity"), "ohm*m", TRUE);
  gtk_box_append (GTK_BOX (self->box), flx_view_pair_new (self->force_plot, self->collapse));

  self->iv = flx_view_plot_new (_("Current vs bias at this force (Fig 3a)"), _("Bias"), "V",
                       _("Current"), "A", FALSE);
  gtk_box_append (GTK_BOX (self->box), self->iv);
  return FLX_VIEW (self);
}
