/* flx-vacancy-view.c: the oxygen-vacancy page's result area.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A student presses a tip into SrTiO3 and watches the vacancies move: one line says what
 * to look for (sharp tip: drained from under the tip into the bulk; flat punch: swept
 * sideways), the key numbers follow, then the cross-section replays the run frame by
 * frame (play, pause, step, scrub, speed, as the LSMO page) with the tip drawn in the
 * air above the film and the depolarisation field as arrows.  Beside it the KPFM-like
 * surface line scan of the same frame, then the paper's Table 1 sigmoids against the
 * simulated sweeps (Fig 2c) and the Fick recovery S(t) (Fig 1f).
 */
#include "config.h"

#include "flx-vacancy-view.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "flx-field-view.h"
#include "flx-plot.h"
#include "flx-units.h"
#include "flx-vacancy.h"
#include "flx-view-util.h"

/* At most FLX_VACANCY_MAX_FRAMES (48) snapshots, 100 ms apart at 1×: a replay of at most
 * 5 s.  It is drawn at the display's rate (frame clock), in between the solver's
 * snapshots by linear interpolation, so it moves smoothly at 30-60 frames/s. */
#define FRAME_INTERVAL_MS 100


static const FlxStatSpec stats[] = {
  { "max_depletion", N_("Maximum depletion") },
  { "max_enrichment", N_("Maximum enrichment") },
  { "lateral_fraction", N_("Moved sideways (scanning)"), N_("nothing leaves"), TRUE },
  { "removed_lateral", N_("Moved sideways (this run)"), N_("static tip only"), TRUE },
  { "contact_radius", N_("Contact radius") },
  { "mass_error", N_("Mass error") },
};

/* Paper (Table 1) against simulation (eq 1 fitted to the sweeps): columns of the grid. */
enum { COL_X0_V, COL_X0_F, COL_ONSET_V, COL_ONSET_F, COL_EQUIV, N_COLS };

struct _FlxVacancyView
{
  GtkWidget        parent_instance;

  const FlxModel  *model;
  const FlxResult *result;  /* borrowed: the page keeps the outcome alive until the next */
  const FlxVacancyResult *extra;
  gboolean         flat, scanning;
  double           tip_radius; /* m */
  int              frame;
  guint            play_id;
  gint64           play_t0;    /* µs, when the replay was at frame play_f0 */
  int              play_f0;
  double           play_speed;

  /* The map is the film (nz rows) plus n_air empty rows above it for the tip. */
  int              n_air, surf_rows;
  double          *map_buf, *u_buf, *v_buf, *surf_buf, *lerp_buf;
  double           band_x, band_a; /* where the contact band is drawn */
  guint            replay_draws;   /* positions drawn by the replay (for tests and the bench) */
  double          *arrow_u, *arrow_v; /* film rows only, unshifted */
  int              arrow_shift; /* cells the stored field is moved by (scanning tip) */

  GtkWidget       *box;
  GtkWidget       *explain, *strip, *paper[N_COLS], *sim[N_COLS];
  GtkWidget       *map, *scrub, *frame_label, *play_button, *speed, *step_back, *step_fwd;
  GtkAdjustment   *scrub_adj;
  GtkWidget       *profile, *recovery, *sig_force, *sig_bias;
  guint            contact_band;
  guint            onset_ids[4];
  gboolean         syncing;
  gboolean         autoplay; /* a full result arrived off screen: replay when mapped */
  double           profile_lo, profile_hi; /* the line scan's range over the run's frames */
};

static void flx_vacancy_view_iface_init (FlxViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FlxVacancyView, flx_vacancy_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (FLX_TYPE_VIEW, flx_vacancy_view_iface_init))

/* --- frames: a result without snapshots is one frame, its final state ------------------- */

static int
n_frames (FlxVacancyView *self)
{
  if (self->extra == NULL)
    return 0;
  return self->extra->n_frames > 0 ? (int) self->extra->n_frames : 1;
}

static const double *
frame_nvc (FlxVacancyView *self, int k)
{
  const FlxVacancyResult *r = self->extra;

  return r->n_frames > 0 ? r->frame_nvc + (size_t) k * r->nx * r->nz : r->nvc;
}

static double
frame_tip_x (FlxVacancyView *self, int k)
{
  return self->extra->n_frames > 0 ? self->extra->frame_tip_x[k] : self->extra->tip_x;
}

static double
frame_time (FlxVacancyView *self, int k)
{
  return self->extra->n_frames > 0 ? self->extra->frame_time[k] : NAN;
}

/* --- drawing one frame --------------------------------------------------------------------- */

/* The tip in the air above the surface (y = 0, y up): a sphere of tip_radius pressed in by
 * the Hertz approach a^2 / R, so it meets the surface over the contact radius (drawn
 * flat there), or a flat punch of the contact radius. */
static void
set_tip_outline (FlxVacancyView *self, double xc)
{
  enum { ARC = 64 };
  double px[ARC + 4], py[ARC + 4];
  double a = self->extra->contact_radius, top = self->n_air * self->extra->dz;
  int n = 0;

  if (!isfinite (a) || a < 0)
    a = 0;
  if (self->flat)
    {
      const double fx[4] = { xc - a, xc - a, xc + a, xc + a }, fy[4] = { top, 0, 0, top };
      flx_field_view_set_overlay (FLX_FIELD_VIEW (self->map), fx, fy, 4);
      return;
    }
  {
    double r = self->tip_radius, cy = r - a * a / r;

    px[n] = xc - r, py[n++] = MAX (top, cy);
    for (int k = 0; k <= ARC; k++)
      {
        double th = G_PI + G_PI * k / ARC;
        px[n] = xc + r * cos (th);
        py[n++] = MAX (0.0, cy + r * sin (th));
      }
    px[n] = xc + r, py[n++] = MAX (top, cy);
  }
  flx_field_view_set_overlay (FLX_FIELD_VIEW (self->map), px, py, n);
}

/* Depolarisation field arrows, in map rows (upward), once per result.  Lengths go as
 * |E|^(1/3): the field spans decades (the punch edge is near singular) and on a linear
 * scale only the few arrows at the contact would show. */
static void
prepare_arrows (FlxVacancyView *self)
{
  const FlxVacancyResult *r = self->extra;
  int nx = (int) r->nx, nz = (int) r->nz;

  g_clear_pointer (&self->arrow_u, g_free);
  g_clear_pointer (&self->arrow_v, g_free);
  if (r->field_x == NULL || r->field_z == NULL)
    return;
  self->arrow_u = g_new (double, (size_t) nx * nz);
  self->arrow_v = g_new (double, (size_t) nx * nz);
  for (int jj = 0; jj < nz; jj++)
    for (int i = 0; i < nx; i++)
      {
        int k = (nz - 1 - jj) * nx + i; /* the solver's rows are depths */
        double ex = r->field_x[k], ez = -r->field_z[k]; /* solver: positive down */
        double m = hypot (ex, ez), f = m > 0 ? pow (m, -2.0 / 3) : 1;
        self->arrow_u[jj * nx + i] = ex * f;
        self->arrow_v[jj * nx + i] = ez * f;
      }
}

/* The solver translates one field with the tip, so for a scanning tip the stored (final)
 * field is moved by whole cells to the frame's tip; the side it uncovers takes the edge
 * column (the weak far field, rather than a gap); the air rows stay NaN. */
static void
set_arrows (FlxVacancyView *self, int shift)
{
  int nx = (int) self->extra->nx, nz = (int) self->extra->nz;

  if (self->arrow_u == NULL)
    {
      flx_field_view_set_vectors (FLX_FIELD_VIEW (self->map), NULL, NULL, 0, 0);
      return;
    }
  for (int jj = 0; jj < nz; jj++)
    for (int i = 0; i < nx; i++)
      {
        int src = CLAMP (i - shift, 0, nx - 1);
        self->u_buf[jj * nx + i] = self->arrow_u[jj * nx + src];
        self->v_buf[jj * nx + i] = self->arrow_v[jj * nx + src];
      }
  self->arrow_shift = shift;
  flx_field_view_set_vectors (FLX_FIELD_VIEW (self->map), self->u_buf, self->v_buf, nx,
                              nz + self->n_air);
}

/* Shows the run at a (fractional) snapshot position: between snapshots k and k + 1 the
 * NVC and the tip position are interpolated linearly, the time geometrically (the static
 * tip's snapshots are log-spaced). */
static void
show_position (FlxVacancyView *self, double pos)
{
  const FlxVacancyResult *r = self->extra;
  const double *nvc;
  int nx, nz, shift, k, last;
  double tip_x, t, a, x1, w;
  g_autofree char *text = NULL, *ts = NULL, *tend = NULL, *xs = NULL;

  if (r == NULL || n_frames (self) == 0)
    return;
  last = n_frames (self) - 1;
  pos = CLAMP (pos, 0.0, (double) last);
  k = (int) floor (pos);
  w = pos - k;
  self->frame = k;
  nx = (int) r->nx;
  nz = (int) r->nz;
  nvc = frame_nvc (self, k);
  tip_x = frame_tip_x (self, k);
  t = frame_time (self, k);
  if (w > 1e-6 && k < last && self->lerp_buf != NULL)
    {
      const double *n1 = frame_nvc (self, k + 1);
      double t1 = frame_time (self, k + 1);

      for (size_t q = 0; q < (size_t) nx * nz; q++)
        self->lerp_buf[q] = (1 - w) * nvc[q] + w * n1[q];
      nvc = self->lerp_buf;
      tip_x = (1 - w) * tip_x + w * frame_tip_x (self, k + 1);
      t = t > 0 && t1 > 0 ? t * pow (t1 / t, w) : (1 - w) * t + w * t1;
    }
  a = r->contact_radius;
  x1 = r->x0 + nx * r->dx;

  /* Map rows run upward: the deepest solver row first, the air (NaN) on top. */
  for (int jj = 0; jj < nz; jj++)
    memcpy (self->map_buf + (size_t) jj * nx, nvc + (size_t) (nz - 1 - jj) * nx,
            nx * sizeof (double));
  flx_field_view_set_data (FLX_FIELD_VIEW (self->map), self->map_buf, nx, nz + self->n_air,
                           r->x0, x1, -(nz * r->dz), self->n_air * r->dz);
  shift = (int) lround ((tip_x - r->tip_x) / r->dx);
  if (shift != self->arrow_shift)
    set_arrows (self, shift);
  set_tip_outline (self, tip_x);

  /* KPFM line scan of this frame: the surface layer's mean, as surface_nvc is made. */
  for (int i = 0; i < nx; i++)
    {
      double s = 0;
      for (int j = 0; j < self->surf_rows; j++)
        s += nvc[j * nx + i];
      self->surf_buf[i] = s / self->surf_rows;
    }
  {
    const FlxSeries *sx = flx_result_get_series (self->result, "surface_nvc");
    if (sx != NULL && sx->n == (gsize) nx)
      {
        flx_plot_set_series (FLX_PLOT (self->profile), "frame", _("this frame"), sx->x,
                             self->surf_buf, nx);
        flx_plot_set_series_palette_index (FLX_PLOT (self->profile), "frame", 0);
      }
  }
  /* the band moves only with a scanning tip: a static one keeps it (and the plot's cache) */
  if (self->contact_band == 0 || tip_x != self->band_x || a != self->band_a)
    {
      if (self->contact_band != 0)
        flx_plot_remove_annotation (FLX_PLOT (self->profile), self->contact_band);
      self->contact_band = a > 0 ? flx_plot_add_band (FLX_PLOT (self->profile),
                                                      GTK_ORIENTATION_VERTICAL, tip_x - a,
                                                      tip_x + a, _("contact"), NULL)
                                 : 0;
      self->band_x = tip_x;
      self->band_a = a;
    }

  xs = flx_units_format (tip_x, "m", 3);
  if (isfinite (t))
    {
      ts = flx_units_format (t, "s", 3);
      tend = flx_units_format (r->frame_time[r->n_frames - 1], "s", 3);
      text = self->scanning
             ? g_strdup_printf (_("t = %s of %s (frame %d of %d), tip at x = %s"), ts, tend,
                                k + 1, n_frames (self), xs)
             : g_strdup_printf (_("t = %s of %s (frame %d of %d)"), ts, tend, k + 1,
                                n_frames (self));
    }
  else
    text = g_strdup_printf (_("Final state, tip at x = %s"), xs);
  gtk_label_set_text (GTK_LABEL (self->frame_label), text);

  self->syncing = TRUE;
  gtk_adjustment_set_value (self->scrub_adj, k);
  self->syncing = FALSE;
}

static void
show_frame (FlxVacancyView *self, int k)
{
  show_position (self, k);
}

/* --- transport ------------------------------------------------------------------------------ */

/* Once per display frame while playing: the position due by the clock (so a slow draw
 * skips ahead instead of slowing the replay down). */
static gboolean
play_tick_cb (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  FlxVacancyView *self = data;
  int last = n_frames (self) - 1;
  double due = self->play_f0 + (g_get_monotonic_time () - self->play_t0) * self->play_speed /
                                 (FRAME_INTERVAL_MS * 1000.0);

  if (due >= last)
    {
      show_frame (self, last);
      self->play_id = 0;
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->play_button), FALSE);
      return G_SOURCE_REMOVE;
    }
  show_position (self, due);
  self->replay_draws++;
  return G_SOURCE_CONTINUE;
}

static void
stop_ticks (FlxVacancyView *self)
{
  if (self->play_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->play_id);
  self->play_id = 0;
}

/* The replay's clock starts (again) at the frame shown now. */
static void
play_anchor (FlxVacancyView *self)
{
  self->play_t0 = g_get_monotonic_time ();
  self->play_f0 = self->frame;
}

static void
play_toggled_cb (GtkToggleButton *button, FlxVacancyView *self)
{
  gboolean on = gtk_toggle_button_get_active (button);

  gtk_button_set_icon_name (GTK_BUTTON (button),
                            on ? "media-playback-pause-symbolic" : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (button), on ? _("Pause") : _("Play the Run"));
  stop_ticks (self);
  if (on && n_frames (self) > 1)
    {
      if (self->frame + 1 >= n_frames (self))
        show_frame (self, 0); /* replay from the start */
      /* A tick callback only while playing: an idle page costs no CPU. */
      self->play_speed = flx_view_speed_get (self->speed);
      play_anchor (self);
      self->play_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), play_tick_cb, self, NULL);
    }
  else if (on)
    gtk_toggle_button_set_active (button, FALSE); /* one frame: nothing to play */
}

static void
speed_changed_cb (GtkDropDown *dd, GParamSpec *pspec, FlxVacancyView *self)
{
  /* Restart the timer at the new pace if playing. */
  if (self->play_id != 0)
    play_toggled_cb (GTK_TOGGLE_BUTTON (self->play_button), self);
}

static void
step_back_cb (GtkButton *button, FlxVacancyView *self)
{
  flx_vacancy_view_step (self, -1);
}

static void
step_forward_cb (GtkButton *button, FlxVacancyView *self)
{
  flx_vacancy_view_step (self, 1);
}

static void
scrub_changed_cb (GtkAdjustment *adj, FlxVacancyView *self)
{
  if (self->syncing)
    return;
  show_frame (self, (int) lround (gtk_adjustment_get_value (adj)));
  if (self->play_id != 0)
    play_anchor (self); /* playing on from where the user dropped it */
}

/* Dragging the marker on a sigmoid panel sets this run's force or bias (as on the CFR page). */
static void
force_marker_moved_cb (FlxPlot *plot, double force, FlxVacancyView *self)
{
  flx_view_request_parameter (FLX_VIEW (self), "force", MAX (force, 0.0));
}

static void
bias_marker_moved_cb (FlxPlot *plot, double bias, FlxVacancyView *self)
{
  flx_view_request_parameter (FLX_VIEW (self), "bias", bias);
}

/* x is linked between the map and the line scan: hovering one draws a cursor in the other. */
static void
map_hover_cb (FlxFieldView *map, double x, double y, double value, FlxVacancyView *self)
{
  flx_plot_set_highlight_x (FLX_PLOT (self->profile), isfinite (x) ? x : INFINITY);
}

static void
profile_hover_cb (FlxPlot *plot, GParamSpec *pspec, FlxVacancyView *self)
{
  double x = flx_plot_get_hover_x (plot);

  flx_field_view_set_highlight (FLX_FIELD_VIEW (self->map), x, isfinite (x) ? 0.0 : NAN);
}

/* --- FlxView ------------------------------------------------------------------------------ */

static double
scalar (const FlxResult *r, const char *name)
{
  double v = NAN;
  flx_result_get_scalar (r, name, &v);
  return v;
}

static void
set_series (FlxPlot *plot, const FlxResult *r, const char *name, const char *label,
            FlxSeriesStyle style, FlxDash dash, int palette)
{
  const FlxSeries *s = flx_result_get_series (r, name);

  if (s == NULL)
    {
      flx_plot_remove_series (plot, name);
      return;
    }
  flx_plot_set_series (plot, name, label, s->x, s->y, s->n);
  flx_plot_set_series_style (plot, name, style);
  flx_plot_set_series_dash (plot, name, dash);
  flx_plot_set_series_palette_index (plot, name, palette);
}

static void
replace_vline (FlxPlot *plot, guint *id, double x, const char *label, FlxDash dash)
{
  if (*id != 0)
    flx_plot_remove_annotation (plot, *id);
  *id = isfinite (x) ? flx_plot_add_vline (plot, x, label, dash, NULL) : 0;
}

/* One sigmoid panel: Table 1 as a line, the simulated sweep as markers, its fit dashed
 * and the 0.9 A1 onsets of both. */
static void
update_sigmoid (FlxVacancyView *self, FlxPlot *plot, const char *paper, const char *points,
                const char *fit, const double c[4], gboolean fit_ok, double onset_paper,
                guint *ids)
{
  const FlxResult *r = self->result;
  const FlxSeries *pts = flx_result_get_series (r, points);
  double onset_sim = fit_ok ? flx_vacancy_sigmoid_onset (c, 0.9) : NAN;
  /* Marked only inside the sweep: outside it is an extrapolation (the table still says). */
  double onset_line = pts != NULL && pts->n > 0 && onset_sim >= pts->x[0] &&
                      onset_sim <= pts->x[pts->n - 1] ? onset_sim : NAN;

  set_series (plot, r, paper, _("paper (Table 1)"), FLX_SERIES_LINE, FLX_DASH_SOLID, 0);
  set_series (plot, r, points, _("simulated"), FLX_SERIES_MARKERS, FLX_DASH_SOLID, 1);
  set_series (plot, r, fit, _("fit to simulated"), FLX_SERIES_LINE, FLX_DASH_DASHED, 1);
  replace_vline (plot, &ids[0], onset_paper, _("onset"), FLX_DASH_DOTTED);
  replace_vline (plot, &ids[1], onset_line, _("sim. onset"), FLX_DASH_DASHED);
  flx_plot_set_preview_text (plot, r->quality == FLX_QUALITY_FAST ? _("preview") : NULL);
}

static char *
format_or_dash (double v, const char *unit)
{
  return isfinite (v) ? flx_units_format (v, unit, 3) : g_strdup ("–");
}

/* The paper's numbers come from Table 1 (model scalars), the simulated ones from the
 * sigmoid fitted to this run's sweeps. */
static void
update_comparison (FlxVacancyView *self, const FlxResult *r)
{
  const FlxVacancyResult *e = self->extra;
  gboolean ff = e != NULL && e->n_sweep > 0 && e->fit_force_ok;
  gboolean fb = e != NULL && e->n_sweep > 0 && e->fit_bias_ok;
  double paper[N_COLS] = {
    scalar (r, "sigmoid_x0_voltage"), scalar (r, "sigmoid_x0_force"),
    scalar (r, "onset_voltage"), scalar (r, "onset_force"),
    scalar (r, "force_voltage_equivalence"),
  };
  double sim[N_COLS] = {
    fb ? e->fit_bias[2] : NAN, ff ? e->fit_force[2] : NAN,
    fb ? flx_vacancy_sigmoid_onset (e->fit_bias, 0.9) : NAN,
    ff ? flx_vacancy_sigmoid_onset (e->fit_force, 0.9) : NAN,
    scalar (r, "sim_equivalence"),
  };
  static const char *const units[N_COLS] = { "V", "N", "V", "N", NULL };

  for (int c = 0; c < N_COLS; c++)
    {
      g_autofree char *p = NULL, *q = NULL;
      if (units[c] != NULL)
        {
          p = format_or_dash (paper[c], units[c]);
          q = format_or_dash (sim[c], units[c]);
        }
      else /* V/N is 1e6 times the paper's V/µN */
        {
          p = isfinite (paper[c]) ? g_strdup_printf (_("%.2g V/µN"), 1e-6 * paper[c])
                                  : g_strdup ("–");
          q = isfinite (sim[c]) ? g_strdup_printf (_("%.2g V/µN"), 1e-6 * sim[c])
                                : g_strdup ("–");
        }
      /* A fitted onset below zero is the fit's extrapolation: the curve already falls
       * from the first point, there is no threshold to show. */
      if ((c == COL_ONSET_V || c == COL_ONSET_F) && sim[c] < 0)
        {
          g_free (q);
          q = g_strdup (_("none (falls from 0)"));
        }
      gtk_label_set_text (GTK_LABEL (self->paper[c]), p);
      gtk_label_set_text (GTK_LABEL (self->sim[c]), q);
    }
}

/* Symmetric colour limit for the run: the 99.5th percentile of |NVC| over the cells that
 * changed (above 1% of the largest), not the largest itself, so that a pile-up a few cells
 * wide does not wash out the rest of the map; those few cells saturate. */
static double
colour_limit (FlxVacancyView *self, double max)
{
  enum { BINS = 1000 };
  g_autofree guint64 *hist = g_new0 (guint64, BINS);
  size_t cells = self->extra->nx * self->extra->nz;
  guint64 total = 0, acc = 0;

  if (!(max > 1e-9))
    return 1e-6;
  for (int f = 0; f < n_frames (self); f++)
    {
      const double *c = frame_nvc (self, f);
      for (size_t k = 0; k < cells; k++)
        {
          double u = fabs (c[k]) / max;
          if (u >= 0.01)
            hist[MIN ((int) (u * BINS), BINS - 1)]++, total++;
        }
    }
  for (int b = 0; b < BINS; b++)
    if ((acc += hist[b]) >= 0.995 * total)
      return max * (b + 1) / BINS;
  return max;
}

static void
flx_vacancy_view_update (FlxView *view, const FlxResult *r, const double *values)
{
  FlxVacancyView *self = FLX_VACANCY_VIEW (view);
  const FlxVacancyResult *e = r->extra;
  const char *preview = r->quality == FLX_QUALITY_FAST ? _("preview") : NULL;
  gboolean scan = values[flx_model_find_param (self->model, "scan_speed")] > 0;
  gboolean enriched = (int) values[flx_model_find_param (self->model, "initial_state")] ==
                      FLX_VACANCY_INIT_ENRICHED;
  const FlxSeries *rec;

  self->result = r;
  self->extra = e;
  self->scanning = scan;
  self->flat = (int) values[flx_model_find_param (self->model, "tip")] == FLX_VACANCY_TIP_FLAT;
  self->tip_radius = values[flx_model_find_param (self->model, "tip_radius")];

  {
    /* The paper's blunt tip is a flat punch or a sphere above ~200 nm (issue 7). */
    const char *what = !self->flat && self->tip_radius > 200e-9
      ? (scan ? _("Blunt tip, scanning: the lateral field at the contact edge sweeps vacancies "
                  "sideways, along with the tip.")
              : _("Blunt tip: the lateral field at the contact edge sweeps vacancies sideways, "
                  "out from under the contact."))
      : self->flat
      ? (scan ? _("Flat punch, scanning: the lateral field at the punch edges sweeps vacancies "
                  "sideways, along with the tip.")
              : _("Flat punch: the lateral field at the punch edges sweeps vacancies sideways, "
                  "out from under the contact."))
      : (scan ? _("Sharp tip, scanning: the downward field under the tip drains vacancies from "
                  "the surface into the bulk along its path.")
              : _("Sharp tip: the downward field under the tip drains vacancies from the "
                  "surface into the bulk."));
    /* NVC is the change for a uniform start, the enrichment itself otherwise (flx-vacancy.h). */
    const char *key = enriched
      ? _("Colour: 0 pristine film, 1 the enriched layer (left half); arrows: depolarisation "
          "field.")
      : _("Blue: fewer vacancies than before, red: more; arrows: depolarisation field.");
    g_autofree char *text = g_strdup_printf ("%s  %s", what, key);
    gtk_label_set_text (GTK_LABEL (self->explain), text);
  }

  flx_stat_strip_update (self->strip, r);
  update_comparison (self, r);

  /* Surface profile: the frame's line scan (set by show_frame) and, for an enriched start,
   * the tip-made part of the final change. */
  if (enriched)
    set_series (FLX_PLOT (self->profile), r, "surface_nvc_change",
                _("change made by the tip (end)"), FLX_SERIES_LINE, FLX_DASH_DASHED, 1);
  else
    flx_plot_remove_series (FLX_PLOT (self->profile), "surface_nvc_change");
  /* One line needs no legend, which would hide the contact label. */
  flx_plot_set_legend_visible (FLX_PLOT (self->profile), enriched);
  flx_plot_set_preview_text (FLX_PLOT (self->profile), preview);

  /* Fig 2c: one panel per sweep, since the sigmoids share no x axis. */
  {
    static const double none[4] = { NAN, NAN, NAN, NAN };
    update_sigmoid (self, FLX_PLOT (self->sig_force), "sigmoid_mechanical", "nvc_vs_force",
                    "fit_force", e ? e->fit_force : none, e && e->n_sweep && e->fit_force_ok,
                    scalar (r, "onset_force"), &self->onset_ids[0]);
    update_sigmoid (self, FLX_PLOT (self->sig_bias), "sigmoid_electrical", "nvc_vs_bias",
                    "fit_bias", e ? e->fit_bias : none, e && e->n_sweep && e->fit_bias_ok,
                    scalar (r, "onset_voltage"), &self->onset_ids[2]);
  }

  /* This run's own force and bias on the sweeps' axes. */
  flx_plot_set_marker (FLX_PLOT (self->sig_force), TRUE,
                       values[flx_model_find_param (self->model, "force")], NULL);
  flx_plot_set_marker (FLX_PLOT (self->sig_bias), TRUE,
                       values[flx_model_find_param (self->model, "bias")], NULL);

  /* Fig 1f: recovery on a log time axis when it spans decades. */
  rec = flx_result_get_series (r, "recovery");
  {
    g_autofree char *d = flx_units_format (values[flx_model_find_param (self->model,
                                                                        "diffusivity")],
                                           "m^2/s", 3);
    g_autofree char *fit = NULL, *la = g_strdup_printf (_("Fick, D = %s"), d);
    g_autofree char *ls = NULL;
    double dfit = scalar (r, "recovery_diffusivity");
    if (isfinite (dfit))
      fit = flx_units_format (dfit, "m^2/s", 3);
    ls = fit ? g_strdup_printf (_("simulated, fit D = %s"), fit) : g_strdup (_("simulated"));
    set_series (FLX_PLOT (self->recovery), r, "recovery", la, FLX_SERIES_LINE, FLX_DASH_SOLID, 0);
    set_series (FLX_PLOT (self->recovery), r, "recovery_simulated", ls, FLX_SERIES_LINE,
                FLX_DASH_DASHED, 1);
  }
  if (rec != NULL && rec->n > 1)
    {
      double lo = G_MAXDOUBLE, hi = 0;
      for (gsize k = 0; k < rec->n; k++)
        if (rec->x[k] > 0)
          lo = MIN (lo, rec->x[k]), hi = MAX (hi, rec->x[k]);
      flx_plot_set_axis_scale (FLX_PLOT (self->recovery), FLX_AXIS_X,
                               hi > 100 * lo ? FLX_AXIS_SCALE_LOG10 : FLX_AXIS_SCALE_LINEAR);
    }
  flx_plot_set_preview_text (FLX_PLOT (self->recovery), preview);

  if (e == NULL || e->nx == 0 || e->nz == 0)
    {
      flx_vacancy_view_set_playing (self, FALSE);
      return;
    }

  /* Buffers for this grid; air above the film, a quarter of its thickness, for the tip. */
  {
    FlxVacancyParams p;
    size_t n;
    double lim = 0, lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE;

    flx_vacancy_params_init (&p); /* the adaptor keeps the default surface depth */
    self->n_air = MAX (4, (int) e->nz / 4);
    self->surf_rows = CLAMP ((int) lround (p.surface_depth / e->dz), 1, (int) e->nz);
    n = e->nx * (e->nz + self->n_air);
    g_free (self->map_buf);
    g_free (self->u_buf);
    g_free (self->v_buf);
    g_free (self->surf_buf);
    self->map_buf = g_new (double, n);
    self->u_buf = g_new (double, n);
    self->v_buf = g_new (double, n);
    self->surf_buf = g_new (double, e->nx);
    g_free (self->lerp_buf);
    self->lerp_buf = g_new (double, e->nx * e->nz);
    self->band_x = NAN; /* a new result draws its band afresh */
    for (size_t k = e->nx * e->nz; k < n; k++)
      self->map_buf[k] = self->u_buf[k] = self->v_buf[k] = NAN;

    /* One colour scale and one profile range for the whole run, so frames compare. */
    for (int f = 0; f < n_frames (self); f++)
      {
        const double *c = frame_nvc (self, f);
        for (size_t k = 0; k < e->nx * e->nz; k++)
          lim = MAX (lim, fabs (c[k]));
        for (size_t i = 0; i < e->nx; i++)
          {
            double s = 0;
            for (int j = 0; j < self->surf_rows; j++)
              s += c[j * e->nx + i];
            lo = MIN (lo, s / self->surf_rows);
            hi = MAX (hi, s / self->surf_rows);
          }
      }
    if (enriched) /* the dashed tip-made change shares the axis */
      {
        const FlxSeries *ch = flx_result_get_series (r, "surface_nvc_change");
        for (gsize i = 0; ch != NULL && i < ch->n; i++)
          if (isfinite (ch->y[i]))
            lo = MIN (lo, ch->y[i]), hi = MAX (hi, ch->y[i]);
      }
    lim = colour_limit (self, lim);
    flx_field_view_set_limits (FLX_FIELD_VIEW (self->map), -lim, lim);
    self->profile_lo = lo, self->profile_hi = hi;
    if (hi > lo)
      flx_plot_set_axis_limits (FLX_PLOT (self->profile), FLX_AXIS_Y, lo - 0.05 * (hi - lo),
                                hi + 0.05 * (hi - lo));
    else
      flx_plot_set_axis_auto (FLX_PLOT (self->profile), FLX_AXIS_Y);
    prepare_arrows (self);
    set_arrows (self, 0);
  }

  gtk_adjustment_configure (self->scrub_adj, 0, 0, MAX (n_frames (self) - 1, 1), 1, 5, 0);
  gtk_widget_set_sensitive (self->scrub, n_frames (self) > 1);
  /* flx-vacancy.c keeps frames at even step counts; a static tip's steps grow. */
  gtk_widget_set_tooltip_text (self->scrub, scan ? _("Frames evenly spaced in time")
                                                 : _("Frames spaced logarithmically in time"));
  gtk_widget_set_sensitive (self->play_button, n_frames (self) > 1);
  gtk_widget_set_sensitive (self->step_back, n_frames (self) > 1);
  gtk_widget_set_sensitive (self->step_fwd, n_frames (self) > 1);

  /* A finished run replays from the start, once on screen (the page may show it first,
   * or another page be visible); a preview shows where it ends. */
  flx_vacancy_view_set_playing (self, FALSE);
  self->autoplay = r->quality == FLX_QUALITY_FULL && n_frames (self) > 1;
  if (self->autoplay && gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->autoplay = FALSE;
      show_frame (self, 0);
      flx_vacancy_view_set_playing (self, TRUE);
    }
  else
    show_frame (self, n_frames (self) - 1);
}

static void
flx_vacancy_view_set_stale (FlxView *view, gboolean stale)
{
  FlxVacancyView *self = FLX_VACANCY_VIEW (view);
  GtkWidget *plots[] = { self->profile, self->recovery, self->sig_force, self->sig_bias };

  for (gsize i = 0; i < G_N_ELEMENTS (plots); i++)
    flx_plot_set_stale (FLX_PLOT (plots[i]), stale);
  flx_field_view_set_stale (FLX_FIELD_VIEW (self->map), stale);
}

/* --- compare runs, session state ---------------------------------------------------------- */

/* Each plot with the simulated curves a pin is compared on, and its key in session files.
 * Not the paper's sigmoids (Table 1), the fits to the sweeps (they follow the points) nor
 * the Fick curve (analytic): those are references, not runs. */
static void
plot_table (FlxVacancyView *self, FlxViewPlotSpec out[4])
{
  static const char *const profile[] = { "surface_nvc", NULL };
  /* The tip-made change only where the page shows its own (an enriched start). */
  static const char *const profile_change[] = { "surface_nvc", "surface_nvc_change", NULL };
  static const char *const recovery[] = { "recovery_simulated", NULL };
  static const char *const force[] = { "nvc_vs_force", NULL };
  static const char *const bias[] = { "nvc_vs_bias", NULL };
  gboolean change = flx_plot_get_series_dash (FLX_PLOT (self->profile), "surface_nvc_change",
                                              NULL, NULL);

  out[0] = (FlxViewPlotSpec) { self->profile, "profile", change ? profile_change : profile };
  out[1] = (FlxViewPlotSpec) { self->recovery, "recovery", recovery };
  out[2] = (FlxViewPlotSpec) { self->sig_force, "sig-force", force };
  out[3] = (FlxViewPlotSpec) { self->sig_bias, "sig-bias", bias };
}

static void
flx_vacancy_view_set_pins (FlxView *view, const FlxPin *pins, guint n)
{
  FlxVacancyView *self = FLX_VACANCY_VIEW (view);
  FlxPlot *profile = FLX_PLOT (self->profile);
  double lo = self->profile_lo, hi = self->profile_hi;
  FlxViewPlotSpec t[4];

  plot_table (self, t);
  flx_view_plots_add_pins (t, G_N_ELEMENTS (t), pins, n);
  /* The line scan keeps one range for all frames of the run (update): widen it to the
   * pinned runs' final scans so they are not cut off, unless the user zoomed. */
  if (!(hi > lo) || flx_plot_get_axis_zoomed (profile, FLX_AXIS_Y))
    return;
  for (guint k = 0; k < n; k++)
    {
      const FlxSeries *s = flx_result_get_series (pins[k].outcome->result, "surface_nvc");
      for (gsize i = 0; s != NULL && i < s->n; i++)
        if (isfinite (s->y[i]))
          lo = MIN (lo, s->y[i]), hi = MAX (hi, s->y[i]);
    }
  flx_plot_set_axis_limits (profile, FLX_AXIS_Y, lo - 0.05 * (hi - lo), hi + 0.05 * (hi - lo));
}

/* Plot zoom and the replay speed (a factor of the 1× pace), as the LSMO page. */
static void
flx_vacancy_view_save_state (FlxView *view, GKeyFile *kf, const char *group)
{
  FlxVacancyView *self = FLX_VACANCY_VIEW (view);
  FlxViewPlotSpec t[4];

  plot_table (self, t);
  flx_view_plots_save_state (t, G_N_ELEMENTS (t), kf, group);
  flx_view_speed_save_state (self->speed, kf, group);
}

static void
flx_vacancy_view_load_state (FlxView *view, GKeyFile *kf, const char *group, GPtrArray *problems)
{
  FlxVacancyView *self = FLX_VACANCY_VIEW (view);
  FlxViewPlotSpec t[4];

  plot_table (self, t);
  flx_view_plots_load_state (t, G_N_ELEMENTS (t), kf, group, problems);
  flx_view_speed_load_state (self->speed, kf, group, problems);
}

static void
flx_vacancy_view_iface_init (FlxViewInterface *iface)
{
  iface->update = flx_vacancy_view_update;
  iface->set_stale = flx_vacancy_view_set_stale;
  iface->set_pins = flx_vacancy_view_set_pins;
  iface->save_state = flx_vacancy_view_save_state;
  iface->load_state = flx_vacancy_view_load_state;
}

/* --- public --------------------------------------------------------------------------------- */

int
flx_vacancy_view_get_frame (FlxVacancyView *self)
{
  g_return_val_if_fail (FLX_IS_VACANCY_VIEW (self), -1);
  return self->frame;
}

int
flx_vacancy_view_get_n_frames (FlxVacancyView *self)
{
  g_return_val_if_fail (FLX_IS_VACANCY_VIEW (self), 0);
  return n_frames (self);
}

guint
flx_vacancy_view_get_replay_draws (FlxVacancyView *self)
{
  g_return_val_if_fail (FLX_IS_VACANCY_VIEW (self), 0);
  return self->replay_draws;
}

gboolean
flx_vacancy_view_get_playing (FlxVacancyView *self)
{
  g_return_val_if_fail (FLX_IS_VACANCY_VIEW (self), FALSE);
  return self->play_id != 0;
}

void
flx_vacancy_view_set_playing (FlxVacancyView *self, gboolean playing)
{
  g_return_if_fail (FLX_IS_VACANCY_VIEW (self));
  self->autoplay = FALSE;
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->play_button), playing);
}

void
flx_vacancy_view_show_position (FlxVacancyView *self, double position)
{
  g_return_if_fail (FLX_IS_VACANCY_VIEW (self));
  flx_vacancy_view_set_playing (self, FALSE);
  show_position (self, position);
}

const double *
flx_vacancy_view_get_line_scan (FlxVacancyView *self, gsize *n)
{
  g_return_val_if_fail (FLX_IS_VACANCY_VIEW (self), NULL);
  *n = self->extra != NULL && self->surf_buf != NULL ? self->extra->nx : 0;
  return self->surf_buf;
}

void
flx_vacancy_view_step (FlxVacancyView *self, int delta)
{
  g_return_if_fail (FLX_IS_VACANCY_VIEW (self));
  flx_vacancy_view_set_playing (self, FALSE); /* stepping takes over from the timer */
  show_frame (self, self->frame + delta);
}

/* --- object -------------------------------------------------------------------------------- */

static void
flx_vacancy_view_map (GtkWidget *widget)
{
  FlxVacancyView *self = FLX_VACANCY_VIEW (widget);

  GTK_WIDGET_CLASS (flx_vacancy_view_parent_class)->map (widget);
  if (self->autoplay)
    {
      self->autoplay = FALSE;
      show_frame (self, 0);
      flx_vacancy_view_set_playing (self, TRUE);
    }
}

/* A hidden page (another model shown) does not keep replaying. */
static void
flx_vacancy_view_unmap (GtkWidget *widget)
{
  flx_vacancy_view_set_playing (FLX_VACANCY_VIEW (widget), FALSE);
  GTK_WIDGET_CLASS (flx_vacancy_view_parent_class)->unmap (widget);
}

static void
flx_vacancy_view_dispose (GObject *object)
{
  FlxVacancyView *self = FLX_VACANCY_VIEW (object);

  stop_ticks (self);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (flx_vacancy_view_parent_class)->dispose (object);
}

static void
flx_vacancy_view_finalize (GObject *object)
{
  FlxVacancyView *self = FLX_VACANCY_VIEW (object);

  g_free (self->map_buf);
  g_free (self->u_buf);
  g_free (self->v_buf);
  g_free (self->surf_buf);
  g_free (self->lerp_buf);
  g_free (self->arrow_u);
  g_free (self->arrow_v);
  G_OBJECT_CLASS (flx_vacancy_view_parent_class)->finalize (object);
}

static void
flx_vacancy_view_class_init (FlxVacancyViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = flx_vacancy_view_dispose;
  G_OBJECT_CLASS (klass)->finalize = flx_vacancy_view_finalize;
  GTK_WIDGET_CLASS (klass)->map = flx_vacancy_view_map;
  GTK_WIDGET_CLASS (klass)->unmap = flx_vacancy_view_unmap;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "flxvacancyview");
}

static void
flx_vacancy_view_init (FlxVacancyView *self)
{
}

/* Paper against simulation as a small table in a card: one column per quantity. */
static GtkWidget *
comparison_new (FlxVacancyView *self)
{
  static const char *const heads[N_COLS] = {
    N_("Midpoint X0, bias"), N_("Midpoint X0, force"), N_("Onset 0.9 A1, bias"),
    N_("Onset 0.9 A1, force"), N_("Force-voltage"),
  };
  GtkWidget *card = gtk_grid_new ();
  GtkWidget *rp = gtk_label_new (_("Paper (Table 1)")), *rs = gtk_label_new (_("Simulated"));

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "stat-card");
  gtk_grid_set_column_spacing (GTK_GRID (card), 18);
  gtk_grid_set_row_spacing (GTK_GRID (card), 2);
  gtk_widget_set_halign (card, GTK_ALIGN_START);
  for (GtkWidget *l = rp; l != NULL; l = l == rp ? rs : NULL)
    {
      gtk_label_set_xalign (GTK_LABEL (l), 0);
      gtk_widget_add_css_class (l, "caption-heading");
    }
  gtk_grid_attach (GTK_GRID (card), rp, 0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (card), rs, 0, 2, 1, 1);
  for (int c = 0; c < N_COLS; c++)
    {
      GtkWidget *h = gtk_label_new (_(heads[c]));
      gtk_widget_add_css_class (h, "caption");
      gtk_widget_add_css_class (h, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (h), 0);
      gtk_label_set_wrap (GTK_LABEL (h), TRUE); /* lets the table narrow with the page */
      gtk_grid_attach (GTK_GRID (card), h, c + 1, 0, 1, 1);
      self->paper[c] = gtk_label_new ("–");
      self->sim[c] = gtk_label_new ("–");
      for (GtkWidget *l = self->paper[c]; l != NULL; l = l == self->paper[c] ? self->sim[c] : NULL)
        {
          gtk_label_set_xalign (GTK_LABEL (l), 0);
          gtk_label_set_selectable (GTK_LABEL (l), TRUE);
          gtk_widget_add_css_class (l, "scalar-value");
        }
      gtk_grid_attach (GTK_GRID (card), self->paper[c], c + 1, 1, 1, 1);
      gtk_grid_attach (GTK_GRID (card), self->sim[c], c + 1, 2, 1, 1);
    }
  return card;
}

FlxView *
flx_vacancy_view_new (const FlxModel *model)
{
  FlxVacancyView *self = g_object_new (FLX_TYPE_VACANCY_VIEW, NULL);
  GtkWidget *bar;

  self->model = model;
  self->arrow_shift = G_MININT;
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->explain = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->explain), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->explain), 0);
  gtk_box_append (GTK_BOX (self->box), self->explain);

  self->strip = flx_stat_strip_new (model, stats, G_N_ELEMENTS (stats), 6);
  gtk_box_append (GTK_BOX (self->box), self->strip);
  gtk_box_append (GTK_BOX (self->box), comparison_new (self));

  /* The cross-section, animated through the run. */
  self->map = flx_field_view_new ();
  flx_field_view_set_title (FLX_FIELD_VIEW (self->map),
                            _("Vacancies in the cross-section (arrows: depolarisation field)"));
  flx_field_view_set_value_label (FLX_FIELD_VIEW (self->map), _("NVC"), "");
  flx_field_view_set_axis_labels (FLX_FIELD_VIEW (self->map), _("x"), _("z"), "m");
  flx_field_view_set_colormap (FLX_FIELD_VIEW (self->map), FLX_COLORMAP_DIVERGING);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->map), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Vacancy concentration in the cross-section"), -1);
  gtk_widget_set_size_request (self->map, 400, 300);
  gtk_widget_set_hexpand (self->map, TRUE);
  gtk_box_append (GTK_BOX (self->box), self->map);

  bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->play_button = gtk_toggle_button_new ();
  gtk_button_set_icon_name (GTK_BUTTON (self->play_button), "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (self->play_button, _("Play the Run"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->play_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Play the Run"), -1);
  g_signal_connect (self->play_button, "toggled", G_CALLBACK (play_toggled_cb), self);
  gtk_box_append (GTK_BOX (bar), self->play_button);
  self->step_back = flx_view_icon_button_new ("media-skip-backward-symbolic",
                                              _("Previous Frame"), G_CALLBACK (step_back_cb),
                                              self);
  self->step_fwd = flx_view_icon_button_new ("media-skip-forward-symbolic", _("Next Frame"),
                                             G_CALLBACK (step_forward_cb), self);
  gtk_box_append (GTK_BOX (bar), self->step_back);
  gtk_box_append (GTK_BOX (bar), self->step_fwd);
  self->scrub_adj = gtk_adjustment_new (0, 0, 1, 1, 5, 0);
  self->scrub = gtk_scale_new (GTK_ORIENTATION_HORIZONTAL, self->scrub_adj);
  gtk_scale_set_draw_value (GTK_SCALE (self->scrub), FALSE);
  gtk_widget_set_hexpand (self->scrub, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->scrub), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Frame"), -1);
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

  self->profile = flx_view_plot_new (_("Surface line scan (KPFM-like)"), _("x"), "m", _("NVC"),
                                     "", FALSE);
  self->recovery = flx_view_plot_new (_("Recovery after poling (Fig 1f)"), _("Time"), "s",
                                      _("S"), "", FALSE);
  g_signal_connect (self->map, "hover", G_CALLBACK (map_hover_cb), self);
  g_signal_connect (self->profile, "notify::hover-x", G_CALLBACK (profile_hover_cb), self);
  gtk_box_append (GTK_BOX (self->box), flx_view_pair_new (self->profile, self->recovery));

  self->sig_force = flx_view_plot_new (_("Remaining vacancies vs force (Fig 2c)"), _("Force"),
                                       "N", _("NVC"), "", FALSE);
  self->sig_bias = flx_view_plot_new (_("Remaining vacancies vs bias (Fig 2c)"), _("Bias"), "V",
                                      _("NVC"), "", FALSE);
  g_signal_connect (self->sig_force, "marker-moved", G_CALLBACK (force_marker_moved_cb), self);
  g_signal_connect (self->sig_bias, "marker-moved", G_CALLBACK (bias_marker_moved_cb), self);
  gtk_box_append (GTK_BOX (self->box), flx_view_pair_new (self->sig_force, self->sig_bias));
  return FLX_VIEW (self);
}
