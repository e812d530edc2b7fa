/* flx-wo3-view.c: the WO3 domain-wall page's result area.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Top to bottom, the paper's argument (Yun et al., seed 002): the key numbers and how the
 * ~13 µC/cm² wall polarization arises; the strain step across one wall and its gradient
 * (Fig 3b, c) beside the lateral PFM signal against cantilever angle with the trigonometric
 * fit that recovers the wall's in-plane direction (Fig 2, Methods); the herringbone
 * domains with the wall polarization as arrows (Fig 1a, b) beside the surface shear under
 * a sliding tip (Fig 5a), the mechanical domain writing; one simulated lateral PFM image
 * per cantilever angle (Fig 2b, c) beside the in-plane response the fit recovers from all
 * of them (Fig 2e).
 */
#include "config.h"

#include "flx-wo3-view.h"

#include <glib/gi18n.h>
#include <math.h>

#include "flx-field-view.h"
#include "flx-plot.h"
#include "flx-units.h"
#include "flx-view-util.h"
#include "flx-wo3.h"

static const FlxStatSpec stats[] = {
  { "max_strain_gradient", N_("Strain gradient at the wall") },
  { "theta", N_("Flexopiezo coefficient θ"), N_("no gradient") },
  { "flexo_coefficient", N_("Flexo coefficient μ") },
  { "polarization", N_("Wall polarization") },
  { "domain_period", N_("Macro-domain width") },
  { "pfm_angle_error", N_("PFM direction error"), N_("no wall signal") },
  { "shear_strain_max", N_("Tip shear ε_xy") },
};

/* The rest of the model's numbers, folded away. */
static const FlxStatSpec more_stats[] = {
  { "polarization_single_term", N_("Polarization, one term of eq 3") },
  { "wall_extent", N_("Wall extent (5–95 %)") },
  { "equilibrium_wall_width", N_("Equilibrium wall width") },
  { "wall_energy", N_("Wall energy") },
  { "fine_period", N_("Fine-stripe period") },
  { "pfm_amplitude_error", N_("PFM amplitude error"), N_("no wall signal"), TRUE },
  { "shear_strain_xz_max", N_("Tip shear ε_xz") },
  { "friction_traction_peak", N_("Peak friction traction") },
  { "twin_shear_strain", N_("Twin shear strain") },
  { "shear_to_twin_ratio", N_("Tip shear / twin shear"), N_("no twin shear") },
};

struct _FlxWo3View
{
  GtkWidget       parent_instance;

  const FlxModel *model;
  GtkWidget      *box;
  GtkWidget      *strip, *more_strip;
  GtkWidget      *caption;
  GtkWidget      *kittel, *width, *scan;
  guint           kittel_now, width_now, width_w, scan_now;
  GtkWidget      *profile, *pfm;
  GtkWidget      *domains, *shear;
  GtkWidget      *angle_dd, *pfm_image, *pfm_vectors;
  guint           wall_band;
  const FlxWo3Result *typed; /* borrowed: the page keeps the result until the next one */
  unsigned        n_angles;
  double          scan_top;  /* the run's largest |shear| on the scan plot, 0 if none */
};

static void flx_wo3_view_iface_init (FlxViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FlxWo3View, flx_wo3_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (FLX_TYPE_VIEW, flx_wo3_view_iface_init))

static double
scalar (const FlxResult *r, const char *name)
{
  double v = NAN;
  flx_result_get_scalar (r, name, &v);
  return v;
}

static void
set_series (FlxPlot *plot, const FlxResult *r, const char *name, const char *id,
            const char *label)
{
  const FlxSeries *s = flx_result_get_series (r, name);

  if (s != NULL && s->n > 0)
    flx_plot_set_series (plot, id, label, s->x, s->y, s->n);
  else
    flx_plot_remove_series (plot, id);
}

static GtkWidget *
new_map (const char *title, const char *label, const char *unit)
{
  GtkWidget *map = flx_field_view_new ();

  flx_field_view_set_title (FLX_FIELD_VIEW (map), title);
  flx_field_view_set_value_label (FLX_FIELD_VIEW (map), label, unit);
  flx_field_view_set_axis_labels (FLX_FIELD_VIEW (map), "x", "y", "m");
  flx_field_view_set_colormap (FLX_FIELD_VIEW (map), FLX_COLORMAP_DIVERGING);
  flx_field_view_set_auto_limits (FLX_FIELD_VIEW (map), TRUE);
  gtk_widget_set_size_request (map, 280, 280);
  gtk_widget_set_hexpand (map, TRUE);
  return map;
}

/* "6.64 × 10<sup>-8</sup>" for Pango markup. */
static char *
sci_markup (double v)
{
  int e = v != 0 && isfinite (v) ? (int) floor (log10 (fabs (v))) : 0;

  if (e >= -2 && e <= 3)
    return g_strdup_printf ("%.3g", v);
  return g_strdup_printf ("%.3g × 10<sup>%d</sup>", v / pow (10, e), e);
}

/* Which combination of eq 3's terms gives the paper's ~13 µC/cm², with this run's numbers. */
static void
update_caption (FlxWo3View *self, const FlxResult *r)
{
  double mu = scalar (r, "flexo_coefficient"), g = scalar (r, "max_strain_gradient");
  double p = scalar (r, "polarization"), p1 = scalar (r, "polarization_single_term");
  g_autofree char *text = NULL, *mu_text = NULL, *g_text = NULL;

  if (!isfinite (p) || !isfinite (mu) || !(g > 0))
    {
      gtk_label_set_text (GTK_LABEL (self->caption),
                          _("No strain jump, so no gradient: the wall carries no polarization."));
      return;
    }
  /* C/m² × 100 = µC/cm²; the numbers are built markup, the rest is plain text. */
  mu_text = sci_markup (fabs (mu));
  g_text = sci_markup (g);
  text = g_strdup_printf (
    _("Wall polarization P = 2|μ|g = 2 × %s C/m × %s m⁻¹ = <b>%.3g µC/cm²</b>. "
      "Both shear-gradient terms of eq 3, ∂ε<sub>x′y′</sub>/∂x′ and ∂ε<sub>y′x′</sub>/∂x′, "
      "add |μ|g = %.3g µC/cm² each: with μ = χε₀f = −6.6 × 10⁻⁸ C/m and g = 10⁶ m⁻¹ "
      "their sum is the paper's ~13 µC/cm²; one term alone gives only half."),
    mu_text, g_text, 100 * p, 100 * p1);
  gtk_label_set_markup (GTK_LABEL (self->caption), text);
}

/* The contact circle and an arrow along +x, the sliding direction, as one polyline. */
static void
mark_contact (FlxWo3View *self, double a)
{
  enum { N_CIRCLE = 41 };
  double x[N_CIRCLE + 7], y[N_CIRCLE + 7];
  int n = 0;

  for (int k = 0; k < N_CIRCLE; k++, n++)
    {
      x[n] = a * cos (2 * G_PI * k / (N_CIRCLE - 1));
      y[n] = a * sin (2 * G_PI * k / (N_CIRCLE - 1));
    }
  x[n] = y[n] = NAN, n++;
  x[n] = a, y[n] = 0, n++;
  x[n] = 3 * a, y[n] = 0, n++;
  x[n] = 2.4 * a, y[n] = 0.5 * a, n++;
  x[n] = NAN, y[n] = NAN, n++;
  x[n] = 3 * a, y[n] = 0, n++;
  x[n] = 2.4 * a, y[n] = -0.5 * a, n++;
  flx_field_view_set_overlay (FLX_FIELD_VIEW (self->shear), x, y, n);
}

static void
show_pfm_image (FlxWo3View *self)
{
  guint k = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->angle_dd));
  const FlxWo3Map *m;

  if (self->typed == NULL || k >= self->typed->n_angles)
    return;
  m = &self->typed->pfm[k];
  if (m->data != NULL)
    flx_field_view_set_data (FLX_FIELD_VIEW (self->pfm_image), m->data, (int) m->nx,
                             (int) m->ny, m->x0 - m->dx / 2, m->x0 + (m->nx - 0.5) * m->dx,
                             m->y0 - m->dy / 2, m->y0 + (m->ny - 0.5) * m->dy);
}

static void
angle_selected_cb (GtkDropDown *dd, GParamSpec *pspec, FlxWo3View *self)
{
  show_pfm_image (self);
}

/* The angle list follows the number of angles; the choice survives when it still exists. */
static void
update_angles (FlxWo3View *self, const FlxWo3Result *wr)
{
  guint sel = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->angle_dd));
  GtkStringList *list;

  if (wr->n_angles != self->n_angles)
    {
      list = gtk_string_list_new (NULL);
      for (unsigned k = 0; k < wr->n_angles; k++)
        {
          g_autofree char *item = g_strdup_printf (_("%.0f°"), wr->angles[k]);
          gtk_string_list_append (list, item);
        }
      self->n_angles = wr->n_angles;
      g_signal_handlers_block_by_func (self->angle_dd, angle_selected_cb, self);
      gtk_drop_down_set_model (GTK_DROP_DOWN (self->angle_dd), G_LIST_MODEL (list));
      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->angle_dd),
                                  sel < wr->n_angles ? sel : 0);
      g_signal_handlers_unblock_by_func (self->angle_dd, angle_selected_cb, self);
      g_object_unref (list);
    }
  show_pfm_image (self);
}

/* Fig 2e: the fitted amplitude with the fitted direction as arrows, where there is one. */
static void
show_fit (FlxWo3View *self, const FlxWo3Result *wr)
{
  const FlxWo3Map *a = &wr->pfm_amplitude, *t = &wr->pfm_angle;
  g_autofree double *u = NULL, *v = NULL;
  size_t n;

  if (a->data == NULL || t->data == NULL || a->nx != t->nx || a->ny != t->ny)
    return;
  n = a->nx * a->ny;
  u = g_new (double, n);
  v = g_new (double, n);
  for (size_t i = 0; i < n; i++)
    {
      /* The model writes angle 0 where the amplitude is below 3 noise deviations. */
      double amp = t->data[i] != 0 ? a->data[i] : 0;
      u[i] = amp * cos (t->data[i] * G_PI / 180);
      v[i] = amp * sin (t->data[i] * G_PI / 180);
    }
  flx_field_view_set_data (FLX_FIELD_VIEW (self->pfm_vectors), a->data, (int) a->nx,
                           (int) a->ny, a->x0 - a->dx / 2, a->x0 + (a->nx - 0.5) * a->dx,
                           a->y0 - a->dy / 2, a->y0 + (a->ny - 0.5) * a->dy);
  flx_field_view_set_vectors (FLX_FIELD_VIEW (self->pfm_vectors), u, v, (int) a->nx,
                              (int) a->ny);
}

/* --- FlxView ----------------------------------------------------------------------------- */

static void
replace_vline (FlxPlot *plot, guint *id, double x, const char *label)
{
  if (*id != 0)
    flx_plot_remove_annotation (plot, *id);
  *id = isfinite (x) ? flx_plot_add_vline (plot, x, label, FLX_DASH_DOTTED, NULL) : 0;
}

static void
flx_wo3_view_update (FlxView *view, const FlxResult *r, const double *values)
{
  FlxWo3View *self = FLX_WO3_VIEW (view);
  const FlxWo3Result *wr = r->extra;
  const char *preview = r->quality == FLX_QUALITY_FAST ? _("preview") : NULL;
  const FlxField *f;
  double extent = scalar (r, "wall_extent");

  flx_stat_strip_update (self->strip, r);
  flx_stat_strip_update (self->more_strip, r);
  update_caption (self, r);

  /* Strain step and its gradient across one wall, the 5-95 % extent shaded. */
  set_series (FLX_PLOT (self->profile), r, "strain_profile", "strain", _("ε<sub>xx</sub>"));
  set_series (FLX_PLOT (self->profile), r, "gradient_profile", "gradient",
              _("∂ε<sub>xx</sub>/∂x"));
  if (flx_result_get_series (r, "gradient_profile") != NULL)
    {
      flx_plot_set_series_y_axis (FLX_PLOT (self->profile), "gradient", FLX_AXIS_Y2);
      flx_plot_set_series_dash (FLX_PLOT (self->profile), "gradient", FLX_DASH_DASHED);
    }
  {
    /* Headroom above both curves for the wall's label. */
    double g = scalar (r, "max_strain_gradient");
    double jump = values[flx_model_find_param (self->model, "strain_jump")];
    if (g > 0 && jump > 0)
      {
        flx_plot_set_axis_limits (FLX_PLOT (self->profile), FLX_AXIS_Y2, 0, 1.3 * g);
        flx_plot_set_axis_limits (FLX_PLOT (self->profile), FLX_AXIS_Y, -0.5 * jump,
                                  0.8 * jump);
      }
    else
      {
        flx_plot_set_axis_auto (FLX_PLOT (self->profile), FLX_AXIS_Y2);
        flx_plot_set_axis_auto (FLX_PLOT (self->profile), FLX_AXIS_Y);
      }
  }
  if (self->wall_band != 0)
    flx_plot_remove_annotation (FLX_PLOT (self->profile), self->wall_band);
  self->wall_band = isfinite (extent)
    ? flx_plot_add_band (FLX_PLOT (self->profile), GTK_ORIENTATION_VERTICAL, -extent / 2,
                         extent / 2, _("wall, 5–95 %"), NULL)
    : 0;
  flx_plot_set_preview_text (FLX_PLOT (self->profile), preview);

  /* What the instrument gives (points, one per cantilever angle) and the fit (a line). */
  set_series (FLX_PLOT (self->pfm), r, "pfm_fit", "fit", _("trigonometric fit"));
  set_series (FLX_PLOT (self->pfm), r, "pfm_vs_angle", "measured", _("measured (with noise)"));
  if (flx_result_get_series (r, "pfm_vs_angle") != NULL)
    {
      flx_plot_set_series_style (FLX_PLOT (self->pfm), "measured", FLX_SERIES_MARKERS);
      flx_plot_set_series_palette_index (FLX_PLOT (self->pfm), "measured", 1);
      flx_plot_set_series_palette_index (FLX_PLOT (self->pfm), "fit", 0);
    }
  flx_plot_set_preview_text (FLX_PLOT (self->pfm), preview);

  /* Herringbone variants with the wall polarization; arrows thin themselves. */
  if ((f = flx_result_get_field (r, "domain_pattern")) != NULL)
    {
      const FlxField *px = flx_result_get_field (r, "polarization_x");
      const FlxField *py = flx_result_get_field (r, "polarization_y");

      flx_view_show_field (self->domains, f);
      if (px != NULL && py != NULL && px->nx == f->nx && py->ny == f->ny)
        flx_field_view_set_vectors (FLX_FIELD_VIEW (self->domains), px->data, py->data,
                                    (int) f->nx, (int) f->ny);
      else
        flx_field_view_set_vectors (FLX_FIELD_VIEW (self->domains), NULL, NULL, 0, 0);
    }

  if ((f = flx_result_get_field (r, "shear_strain_map")) != NULL)
    flx_view_show_field (self->shear, f);
  if (wr != NULL && wr->contact_radius > 0)
    mark_contact (self, wr->contact_radius);

  /* Why the walls are wide and the domains as large as they are; why the scan direction
   * matters for mechanical writing. */
  set_series (FLX_PLOT (self->kittel), r, "period_vs_thickness", "kittel", NULL);
  replace_vline (FLX_PLOT (self->kittel), &self->kittel_now,
                 values[flx_model_find_param (self->model, "thickness")], _("this film"));
  set_series (FLX_PLOT (self->width), r, "width_vs_ginzburg", "width", NULL);
  replace_vline (FLX_PLOT (self->width), &self->width_now,
                 values[flx_model_find_param (self->model, "ginzburg")], _("this G"));
  if (self->width_w != 0)
    flx_plot_remove_annotation (FLX_PLOT (self->width), self->width_w);
  self->width_w = flx_plot_add_hline (FLX_PLOT (self->width), FLX_AXIS_Y,
                                      values[flx_model_find_param (self->model, "wall_width")],
                                      _("wall width set"), FLX_DASH_DASHED, NULL);
  set_series (FLX_PLOT (self->scan), r, "scan_selectivity", "scan", NULL);
  if (flx_result_get_series (r, "scan_selectivity") != NULL)
    {
      /* The twins' own shear: a scan whose projected shear exceeds it can switch them. */
      const FlxSeries *sc = flx_result_get_series (r, "scan_selectivity");
      double twin = scalar (r, "twin_shear_strain"), top = isfinite (twin) ? twin : 0;
      for (size_t i = 0; i < sc->n; i++)
        top = MAX (top, fabs (sc->y[i]));
      self->scan_top = top;
      /* Room above the twin-shear line for its label. */
      if (top > 0)
        flx_plot_set_axis_limits (FLX_PLOT (self->scan), FLX_AXIS_Y, -1.25 * top, 1.25 * top);
      if (self->scan_now != 0)
        flx_plot_remove_annotation (FLX_PLOT (self->scan), self->scan_now);
      self->scan_now = isfinite (twin)
        ? flx_plot_add_hline (FLX_PLOT (self->scan), FLX_AXIS_Y, twin, _("twin shear"),
                              FLX_DASH_DASHED, NULL)
        : 0;
    }
  flx_plot_set_preview_text (FLX_PLOT (self->kittel), preview);
  flx_plot_set_preview_text (FLX_PLOT (self->width), preview);
  flx_plot_set_preview_text (FLX_PLOT (self->scan), preview);

  self->typed = wr;
  if (wr != NULL)
    {
      update_angles (self, wr);
      show_fit (self, wr);
    }
}

static void
flx_wo3_view_set_stale (FlxView *view, gboolean stale)
{
  FlxWo3View *self = FLX_WO3_VIEW (view);

  flx_plot_set_stale (FLX_PLOT (self->profile), stale);
  flx_plot_set_stale (FLX_PLOT (self->pfm), stale);
  flx_plot_set_stale (FLX_PLOT (self->kittel), stale);
  flx_plot_set_stale (FLX_PLOT (self->width), stale);
  flx_plot_set_stale (FLX_PLOT (self->scan), stale);
  flx_field_view_set_stale (FLX_FIELD_VIEW (self->domains), stale);
  flx_field_view_set_stale (FLX_FIELD_VIEW (self->shear), stale);
  flx_field_view_set_stale (FLX_FIELD_VIEW (self->pfm_image), stale);
  flx_field_view_set_stale (FLX_FIELD_VIEW (self->pfm_vectors), stale);
}

/* --- compare runs, session state ---------------------------------------------------------- */

/* Each plot with the curves a pin is compared on (model series names: the plot's own ids
 * differ), and its key in session files.  On the PFM plot the fit only: the noisy points
 * of four runs would not read. */
static void
plot_table (FlxWo3View *self, FlxViewPlotSpec out[5])
{
  static const char *const profile[] = { "strain_profile", "gradient_profile", NULL };
  static const char *const pfm[] = { "pfm_fit", NULL };
  static const char *const kittel[] = { "period_vs_thickness", NULL };
  static const char *const width[] = { "width_vs_ginzburg", NULL };
  static const char *const scan[] = { "scan_selectivity", NULL };

  out[0] = (FlxViewPlotSpec) { self->profile, "profile", profile };
  out[1] = (FlxViewPlotSpec) { self->pfm, "pfm", pfm };
  out[2] = (FlxViewPlotSpec) { self->kittel, "kittel", kittel };
  out[3] = (FlxViewPlotSpec) { self->width, "width", width };
  out[4] = (FlxViewPlotSpec) { self->scan, "scan", scan };
}

static void
flx_wo3_view_set_pins (FlxView *view, const FlxPin *pins, guint n)
{
  FlxWo3View *self = FLX_WO3_VIEW (view);
  double top = self->scan_top;
  FlxViewPlotSpec t[5];

  plot_table (self, t);
  flx_view_plots_add_pins (t, G_N_ELEMENTS (t), pins, n);
  /* The helper matches the page's curve by series name, but this plot calls the gradient
   * "gradient": put its pinned copies on the same right axis, dotted as it is dashed. */
  for (guint k = 0; k < n; k++)
    {
      g_autofree char *id = flx_view_pin_series_id (k, "gradient_profile");
      if (flx_plot_get_series_dash (FLX_PLOT (self->profile), id, NULL, NULL))
        {
          flx_plot_set_series_y_axis (FLX_PLOT (self->profile), id, FLX_AXIS_Y2);
          flx_plot_set_series_dash (FLX_PLOT (self->profile), id, FLX_DASH_DOTTED);
        }
    }
  /* Where each pinned film sits on the curves its "this film" and "this G" lines mark. */
  flx_view_plot_add_pin_points (self->kittel, "state", "thickness", "domain_period", pins, n);
  flx_view_plot_add_pin_points (self->width, "state", "ginzburg", "equilibrium_wall_width",
                                pins, n);
  /* The scan plot has a fixed range around the run's curve (update): widen it to the
   * pinned runs' curves, unless the user zoomed. */
  if (!(top > 0) || flx_plot_get_axis_zoomed (FLX_PLOT (self->scan), FLX_AXIS_Y))
    return;
  for (guint k = 0; k < n; k++)
    {
      const FlxSeries *s = flx_result_get_series (pins[k].outcome->result, "scan_selectivity");
      for (gsize i = 0; s != NULL && i < s->n; i++)
        if (isfinite (s->y[i]))
          top = MAX (top, fabs (s->y[i]));
    }
  flx_plot_set_axis_limits (FLX_PLOT (self->scan), FLX_AXIS_Y, -1.25 * top, 1.25 * top);
}

static void
flx_wo3_view_save_state (FlxView *view, GKeyFile *kf, const char *group)
{
  FlxViewPlotSpec t[5];

  plot_table (FLX_WO3_VIEW (view), t);
  flx_view_plots_save_state (t, G_N_ELEMENTS (t), kf, group);
}

static void
flx_wo3_view_load_state (FlxView *view, GKeyFile *kf, const char *group, GPtrArray *problems)
{
  FlxViewPlotSpec t[5];

  plot_table (FLX_WO3_VIEW (view), t);
  flx_view_plots_load_state (t, G_N_ELEMENTS (t), kf, group, problems);
}

static void
flx_wo3_view_iface_init (FlxViewInterface *iface)
{
  iface->update = flx_wo3_view_update;
  iface->set_stale = flx_wo3_view_set_stale;
  iface->set_pins = flx_wo3_view_set_pins;
  iface->save_state = flx_wo3_view_save_state;
  iface->load_state = flx_wo3_view_load_state;
}

/* --- object ------------------------------------------------------------------------------ */

static void
flx_wo3_view_dispose (GObject *object)
{
  FlxWo3View *self = FLX_WO3_VIEW (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (flx_wo3_view_parent_class)->dispose (object);
}

static void
flx_wo3_view_class_init (FlxWo3ViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = flx_wo3_view_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "flxwo3view");
}

static void
flx_wo3_view_init (FlxWo3View *self)
{
}

GtkWidget *
flx_wo3_view_get_pfm_plot (FlxWo3View *self)
{
  g_return_val_if_fail (FLX_IS_WO3_VIEW (self), NULL);
  return self->pfm;
}

static GtkWidget *
wrapped_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  return label;
}

FlxView *
flx_wo3_view_new (const FlxModel *model)
{
  FlxWo3View *self = g_object_new (FLX_TYPE_WO3_VIEW, NULL);
  GtkWidget *intro;

  self->model = model;
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  intro = wrapped_label (_("Where two twin domains of a WO3 film meet, the lattice bends over "
                           "~20 nm: that strain gradient makes the centrosymmetric crystal "
                           "polar and piezoelectric along the wall, which lateral PFM sees."));
  gtk_box_append (GTK_BOX (self->box), intro);

  self->strip = flx_stat_strip_new (model, stats, G_N_ELEMENTS (stats), 4);
  gtk_box_append (GTK_BOX (self->box), self->strip);
  self->caption = wrapped_label (NULL);
  gtk_widget_add_css_class (self->caption, "dim-label");
  gtk_box_append (GTK_BOX (self->box), self->caption);
  {
    GtkWidget *expander = gtk_expander_new (_("More Numbers"));

    self->more_strip = flx_stat_strip_new (model, more_stats, G_N_ELEMENTS (more_stats), 5);
    gtk_expander_set_child (GTK_EXPANDER (expander), self->more_strip);
    gtk_box_append (GTK_BOX (self->box), expander);
  }

  self->profile = flx_view_plot_new (_("Strain across a wall (Fig 3b, c)"),
                                     _("Distance from the wall"), "m",
                                     _("Strain εₓₓ, solid"), "", FALSE);
  flx_plot_set_axis (FLX_PLOT (self->profile), FLX_AXIS_Y2, _("Gradient, dashed"), "1/m");
  /* The axis titles name the curves: a legend would cover the wall's label. */
  flx_plot_set_legend_visible (FLX_PLOT (self->profile), FALSE);
  self->pfm = flx_view_plot_new (_("Lateral PFM vs angle (Fig 2)"),
                                 _("Cantilever angle"), "deg", _("Signal"), "m/V", FALSE);
  gtk_box_append (GTK_BOX (self->box), flx_view_pair_new (self->profile, self->pfm));

  self->domains = new_map (_("Domains, arrows: wall P (Fig 1a, b)"),
                           _("Variant (A > 0, B < 0)"), "");
  self->shear = new_map (_("Tip shear, sliding along +x (Fig 5a)"),
                         _("ε<sub>xy</sub>"), "");
  gtk_box_append (GTK_BOX (self->box), flx_view_pair_new (self->domains, self->shear));

  /* The measurement behind the PFM plot: one image per cantilever angle, and the fit. */
  {
    GtkWidget *col = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
    GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
    GtkWidget *label = gtk_label_new (_("Cantilever angle to [001]YAO"));

    self->angle_dd = gtk_drop_down_new (NULL, NULL);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->angle_dd),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Cantilever angle of the PFM image"), -1);
    g_signal_connect (self->angle_dd, "notify::selected", G_CALLBACK (angle_selected_cb), self);
    gtk_box_append (GTK_BOX (bar), label);
    gtk_box_append (GTK_BOX (bar), self->angle_dd);
    self->pfm_image = new_map (_("Lateral PFM image (Fig 2b, c)"), _("Signal"), "m/V");
    gtk_box_append (GTK_BOX (col), bar);
    gtk_box_append (GTK_BOX (col), self->pfm_image);
    self->pfm_vectors = new_map (_("Fitted in-plane response (Fig 2e)"), _("|d|"), "m/V");
    flx_field_view_set_colormap (FLX_FIELD_VIEW (self->pfm_vectors), FLX_COLORMAP_VIRIDIS);
    flx_field_view_set_auto_limits (FLX_FIELD_VIEW (self->pfm_vectors), FALSE);
    gtk_box_append (GTK_BOX (self->box), flx_view_pair_new (col, self->pfm_vectors));
  }

  {
    GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

    gtk_box_set_homogeneous (GTK_BOX (row), TRUE);
    self->kittel = flx_view_plot_new (_("Domain width vs thickness (quasi-Kittel)"),
                                      _("Film thickness"), "m", _("Macro-domain width"), "m",
                                      FALSE);
    self->width = flx_view_plot_new (_("Why walls are wide: W = 4√(Gs)"),
                                     _("Ginzburg coefficient G"), "N", _("Wall width"), "m",
                                     FALSE);
    self->scan = flx_view_plot_new (_("Tip shear vs scan direction"),
                                    _("Scan angle from [100]"), "deg", _("Projected shear"), "",
                                    FALSE);
    for (int a = 0; a < 2; a++)
      {
        GtkWidget *p = a == 0 ? self->kittel : self->width;
        flx_plot_set_axis_scale (FLX_PLOT (p), FLX_AXIS_X, FLX_AXIS_SCALE_LOG10);
        flx_plot_set_axis_scale (FLX_PLOT (p), FLX_AXIS_Y, FLX_AXIS_SCALE_LOG10);
      }
    /* Three in a row must not widen the page past the others (its sidebar folds). */
    gtk_widget_set_size_request (self->kittel, 200, 240);
    gtk_widget_set_size_request (self->width, 200, 240);
    gtk_widget_set_size_request (self->scan, 200, 240);
    gtk_box_append (GTK_BOX (row), self->kittel);
    gtk_box_append (GTK_BOX (row), self->width);
    gtk_box_append (GTK_BOX (row), self->scan);
    gtk_box_append (GTK_BOX (self->box), row);
  }
  return FLX_VIEW (self);
}
