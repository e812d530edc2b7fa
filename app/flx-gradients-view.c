/* flx-gradients-view.c: the gradient-engineering page's result area.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One scenario at a time (the review, Kim et al., Microstructures 6, 2026062 (2026), seed
 * 003): what is going on in one line, a schematic drawn from the current parameters
 * (curvature, thickness, contact radius...), the governing relation with its symbols and
 * units, the review's reference numbers with the reference they come from, the key
 * numbers and the scenario's live plots.  Schematics take their ink from the widget's CSS
 * colour, so they read in light and dark mode; the accents are Okabe-Ito colours that
 * keep their contrast on both backgrounds.
 */
#include "config.h"

#include "flx-gradients-view.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "flx-gradients.h"
#include "flx-plot.h"
#include "flx-units.h"
#include "flx-view-util.h"

#define N_SCEN FLX_GRADIENTS_N_SCENARIOS

/* The review, cited under every scenario's reference numbers. */
#define REVIEW N_("Source: Kim et al., “Strain, field and chemical gradient engineering in " \
                  "complex oxide heterostructures”, Microstructures 6, 2026062 (2026) " \
                  "(seed 003_6c4cad7a34bfbd1f.txt).")

typedef struct {
  const char *title;     /* N_ */
  const char *intro;     /* N_: what the user sees, one line */
  const char *relation;  /* N_: Pango markup, symbols and units defined */
  const char *reference; /* N_: Pango markup, the review's numbers with their source */
} ScenarioText;

static const ScenarioText texts[N_SCEN] = {
  [FLX_GRADIENTS_BENDING] = {
    N_("Membrane bending"),
    N_("Bending a free membrane stretches its outer face and compresses the inner one: the "
       "strain changes sign through the thickness, and that gradient polarizes the membrane."),
    N_("<b>ε(z) = κ z</b>,  <b>g = ∂ε/∂z = κ</b>,  <b>P = μ g = ε₀ε<sub>r</sub> f κ</b>,  "
       "<b>V = f κ t</b>\n"
       "z: distance from the neutral plane (m); κ: curvature (m⁻¹); t: membrane thickness "
       "(m), surface strain ±κt/2; f: flexocoupling (V); ε<sub>r</sub>: relative "
       "permittivity; ε₀ = 8.854 × 10⁻¹² F/m; μ = ε₀ε<sub>r</sub>f (C/m); P in C/m², V in "
       "volts."),
    N_("Review, Table 1: a bent 100 nm BiFeO<sub>3</sub> membrane carries a strain gradient "
       "of <b>7.55 × 10⁴ m⁻¹</b> (Guo et al., ref 29), whose photocurrent the bending tunes "
       "“in a nearly linear and reversible manner”."),
  },
  [FLX_GRADIENTS_MISFIT] = {
    N_("Misfit relaxation"),
    N_("A film grown on a mismatched substrate starts at the substrate's lattice and relaxes "
       "towards its own with height: the relaxing strain is a gradient with a built-in field."),
    N_("<b>ε(z) = ε<sub>m</sub> e<sup>−z/λ</sup></b>,  interface <b>g(0) = −ε<sub>m</sub>/λ</b>, "
       " film average <b>ḡ = [ε(t) − ε(0)]/t</b>,  <b>E = f ḡ</b>,  <b>P = ε₀ε<sub>r</sub> f ḡ</b>\n"
       "z: height above the interface (m); ε<sub>m</sub>: misfit strain at the interface; "
       "λ: relaxation length (m); t: film thickness (m); f: flexocoupling (V); E in V/m, P "
       "in C/m²."),
    N_("Review: tuning the oxygen pressure during growth changes the relaxation and builds "
       "strain gradients of <b>10⁵–10⁶ m⁻¹</b> into ferroelectric films (Lee et al., ref 6)."),
  },
  [FLX_GRADIENTS_INDENTATION] = {
    N_("Tip indentation and converse flexoelectric PFM"),
    N_("A loaded AFM tip makes a contact a few nanometres wide; the smaller the contact, the "
       "steeper the gradients under it, so the apparent piezoresponse grows as it shrinks."),
    N_("<b>a = (4 R F t / π c₃₃)<sup>1/4</sup></b> (contact model of the cfr page, Park et "
       "al. eq 9),  <b>d<sub>eff</sub> ≈ μ / (c₃₃ a)</b>,  μ = ε₀ε<sub>r</sub>f\n"
       "R: tip radius (m); F: force (N); t: film thickness (m); c₃₃ = 336 GPa (SrTiO₃); "
       "a: contact radius (m); d<sub>eff</sub> in m/V, an order of magnitude without a "
       "geometric prefactor."),
    N_("Review: in PFM the flexoelectric (converse) response grows as the contact shrinks "
       "and falls inversely with the contact force, unlike true piezoelectricity "
       "(Abdollahi et al., ref 26).  Table 1: <b>~10⁷ m⁻¹</b> under a tip on SrTiO<sub>3</sub> "
       "films (Park et al., ref 33)."),
  },
  [FLX_GRADIENTS_COMPOSITION] = {
    N_("Compositional or defect gradient"),
    N_("Grading the composition (or the defect concentration) through a layer tilts its "
       "band edges: carriers feel a built-in field, as they would from a strain gradient."),
    N_("<b>E = (1/e) dE<sub>c</sub>/dz = ΔE<sub>c</sub> / (e t)</b>,  equivalent strain "
       "gradient <b>g<sub>eq</sub> = E / f</b>\n"
       "ΔE<sub>c</sub>: change of the conduction-band edge across the layer (eV); t: layer "
       "thickness (m); e: elementary charge; f: flexocoupling (V); E in V/m, g<sub>eq</sub> "
       "in m⁻¹."),
    N_("Review: compositionally graded PbZr<sub>1−x</sub>Ti<sub>x</sub>O<sub>3</sub> keeps "
       "strain gradients up to <b>4.3 × 10⁵ m⁻¹</b> with a built-in field that shifts the "
       "hysteresis loops (Agar et al., ref 105; Table 1: &gt; 1.0 × 10⁵ m⁻¹, refs 106, 109)."),
  },
  [FLX_GRADIENTS_PHOTOVOLTAIC] = {
    N_("Flexo-photovoltaic current (order-of-magnitude illustration)"),
    N_("Light makes carriers; the flexoelectric field of a strain gradient separates them, so "
       "a current flows without a p-n junction. An order-of-magnitude illustration only."),
    N_("<b>J = σ<sub>ph</sub> E = σ<sub>ph</sub> f g</b>\n"
       "σ<sub>ph</sub>: photoconductivity under illumination (S/m), lumping generation, "
       "mobility and lifetime; f: flexocoupling (V); g: strain gradient (m⁻¹); J in A/m² "
       "(1 A/cm² = 10⁴ A/m²).  Linear response: an ORDER-OF-MAGNITUDE ILLUSTRATION, not a "
       "device model."),
    N_("Review: strain gradients of <b>3.3 × 10⁷ m⁻¹</b> at BiFeO<sub>3</sub> phase "
       "boundaries carry the strongest photocurrent (Chu et al., ref 20); a loaded tip on "
       "SrTiO<sub>3</sub> gives up to <b>~1 A cm⁻²</b> (Yang et al., ref 30)."),
  },
};

/* Key numbers per scenario. */
static const FlxStatSpec stats_bending[] = {
  { "strain_gradient", N_("Strain gradient κ") },
  { "surface_strain", N_("Surface strain κt/2") },
  { "polarization", N_("Polarization") },
  { "built_in_field", N_("Flexoelectric field") },
  { "voltage", N_("Voltage across") },
};
static const FlxStatSpec stats_misfit[] = {
  { "interface_gradient", N_("Gradient at the interface") },
  { "strain_gradient", N_("Film-average gradient") },
  { "built_in_field", N_("Built-in field") },
  { "polarization", N_("Polarization") },
  { "voltage", N_("Voltage across") },
};
static const FlxStatSpec stats_indentation[] = {
  { "contact_radius", N_("Contact radius") },
  { "d_eff", N_("Converse d_eff (order)") },
  { "strain_gradient", N_("Gradient under the tip") },
  { "polarization", N_("Polarization") },
  { "built_in_field", N_("Flexoelectric field") },
};
static const FlxStatSpec stats_composition[] = {
  { "built_in_field", N_("Built-in field") },
  { "voltage", N_("Band-edge change") },
  { "equivalent_gradient", N_("Equivalent strain gradient"), N_("f = 0") },
};
static const FlxStatSpec stats_photovoltaic[] = {
  { "strain_gradient", N_("Strain gradient") },
  { "built_in_field", N_("Flexoelectric field") },
  { "polarization", N_("Polarization (linear)") },
  { "current_density", N_("Current density (order)") },
};

static const struct {
  const FlxStatSpec *specs;
  gsize              n;
} stat_sets[N_SCEN] = {
  { stats_bending, G_N_ELEMENTS (stats_bending) },
  { stats_misfit, G_N_ELEMENTS (stats_misfit) },
  { stats_indentation, G_N_ELEMENTS (stats_indentation) },
  { stats_composition, G_N_ELEMENTS (stats_composition) },
  { stats_photovoltaic, G_N_ELEMENTS (stats_photovoltaic) },
};

/* One plot per model series, shown for the scenario that produces it. */
enum { PL_PROFILE, PL_POL_CURV, PL_D_FORCE, PL_D_RADIUS, PL_BAND, PL_CURRENT, N_PLOTS };

static const struct {
  const char *series;
  int         scenario; /* the profile serves two; see update */
  const char *title, *x_label, *x_unit, *y_label, *y_unit;
} plot_specs[N_PLOTS] = {
  { "profile", FLX_GRADIENTS_BENDING, N_("Strain through the thickness"), N_("Position z"), "m",
    N_("Strain"), "" },
  { "polarization_vs_curvature", FLX_GRADIENTS_BENDING, N_("Polarization vs curvature"),
    N_("Curvature κ"), "1/m", N_("Polarization"), "C/m^2" },
  { "d_eff_vs_force", FLX_GRADIENTS_INDENTATION, N_("Converse d_eff vs tip force"),
    N_("Force"), "N", N_("d_eff"), "m/V" },
  { "d_eff_vs_contact_radius", FLX_GRADIENTS_INDENTATION, N_("Converse d_eff vs contact radius"),
    N_("Contact radius"), "m", N_("d_eff"), "m/V" },
  { "band_edge_profile", FLX_GRADIENTS_COMPOSITION, N_("Conduction-band edge through the layer"),
    N_("Depth z"), "m", N_("E_c − E_c(0)"), "eV" },
  { "current_vs_gradient", FLX_GRADIENTS_PHOTOVOLTAIC,
    N_("Photocurrent vs strain gradient (order of magnitude)"), N_("Strain gradient"), "1/m",
    N_("Current density"), "A/m^2" },
};

struct _FlxGradientsView
{
  GtkWidget       parent_instance;

  const FlxModel *model;
  int             scenario;
  /* what the schematic draws (SI) */
  double          thickness, curvature, misfit, lambda, force, tip_radius, band_offset;
  double          f_eff, gradient, contact_radius, current_density;

  GtkWidget      *box;
  GtkWidget      *title, *intro, *schematic, *relation, *reference;
  GtkWidget      *strip_stack, *strips[N_SCEN];
  GtkWidget      *plots[N_PLOTS];
  guint           now[N_PLOTS];
  guint           refs[3];       /* the review's numbers drawn on the plots */
};

static void flx_gradients_view_iface_init (FlxViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FlxGradientsView, flx_gradients_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (FLX_TYPE_VIEW,
                                                      flx_gradients_view_iface_init))

/* --- drawing helpers ---------------------------------------------------------------------- */

typedef struct {
  cairo_t *cr;
  GtkWidget *widget;
  GdkRGBA fg;
  double w, h;
} Ink;

static const GdkRGBA orange = { 0.902, 0.624, 0.0, 1 };   /* Okabe-Ito: tension, force */
static const GdkRGBA sky = { 0.337, 0.706, 0.914, 1 };    /* compression, light */
static const GdkRGBA green = { 0.0, 0.620, 0.451, 1 };    /* polarization, field, current */

static void
set_rgba (cairo_t *cr, const GdkRGBA *c, double alpha)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha * alpha);
}

/* Markup at (x, y); ax, ay in [0, 1] pick the anchor (0.5, 0.5 centres it). */
static void
text (Ink *ink, double x, double y, double ax, double ay, const char *markup)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (ink->widget, NULL);
  int tw, th;

  pango_layout_set_markup (layout, markup, -1);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_get_pixel_size (layout, &tw, &th);
  x = CLAMP (x - ax * tw, 2, MAX (2, ink->w - tw - 2));
  y = CLAMP (y - ay * th, 2, MAX (2, ink->h - th - 2));
  gdk_cairo_set_source_rgba (ink->cr, &ink->fg);
  cairo_move_to (ink->cr, x, y);
  pango_cairo_show_layout (ink->cr, layout);
  g_object_unref (layout);
}

static void
arrow (cairo_t *cr, double x0, double y0, double x1, double y1, double head)
{
  double a = atan2 (y1 - y0, x1 - x0);

  cairo_move_to (cr, x0, y0);
  cairo_line_to (cr, x1, y1);
  cairo_stroke (cr);
  cairo_move_to (cr, x1, y1);
  cairo_line_to (cr, x1 - head * cos (a - 0.45), y1 - head * sin (a - 0.45));
  cairo_line_to (cr, x1 - head * cos (a + 0.45), y1 - head * sin (a + 0.45));
  cairo_close_path (cr);
  cairo_fill (cr);
}

/* A dimension line with end ticks and its label below or above. */
static void
dimension (Ink *ink, double x0, double x1, double y, const char *label, gboolean below)
{
  cairo_t *cr = ink->cr;

  gdk_cairo_set_source_rgba (cr, &ink->fg);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, x0, y);
  cairo_line_to (cr, x1, y);
  cairo_move_to (cr, x0, y - 4);
  cairo_line_to (cr, x0, y + 4);
  cairo_move_to (cr, x1, y - 4);
  cairo_line_to (cr, x1, y + 4);
  cairo_stroke (cr);
  text (ink, 0.5 * (x0 + x1), below ? y + 4 : y - 4, 0.5, below ? 0 : 1, label);
}

/* 0..1 position of v between lo and hi on a log scale. */
static double
lognorm (double v, double lo, double hi)
{
  if (!(v > 0))
    return 0;
  return CLAMP ((log10 (v) - log10 (lo)) / (log10 (hi) - log10 (lo)), 0, 1);
}

static char *
fmt (double v, const char *unit)
{
  return flx_units_format (v, unit, 3);
}

/* --- the five schematics ------------------------------------------------------------------ */

static void
draw_bending (FlxGradientsView *self, Ink *ink)
{
  cairo_t *cr = ink->cr;
  double cx = ink->w / 2, cy = 0.42 * ink->h, len = 0.72 * ink->w;
  /* Curvature on a log scale from 1e3 to 1e8 1/m: flat to a 200-degree arc. */
  double turn = self->curvature > 0 ? 3.5 * lognorm (self->curvature, 1e3, 1e8) : 0;
  double tp = 8 + 26 * lognorm (self->thickness, 1e-9, 1e-5);
  double rv = turn > 1e-3 ? len / turn : 0; /* radius of the centre line, px */
  const int n = 64;
  g_autofree char *k = fmt (self->curvature, "1/m"), *t = fmt (self->thickness, "m");
  g_autofree char *lab = NULL, *radius = NULL;

  /* Centre the arc (its ends drop by the sagitta) in the space above the caption. */
  if (rv > 0)
    cy = 0.46 * ink->h - 0.5 * MIN (rv * (1 - cos (MIN (turn / 2, G_PI / 2))), 0.5 * ink->h);
  cairo_set_line_width (cr, 1.5);
  /* Outer face, then inner face back: the membrane as one closed band. */
  for (int pass = 0; pass < 2; pass++)
    for (int i = 0; i <= n; i++)
      {
        double s = (pass == 0 ? i : n - i) / (double) n - 0.5; /* -0.5..0.5 of the length */
        double off = pass == 0 ? tp / 2 : -tp / 2;
        double x, y;
        if (rv > 0)
          {
            double phi = s * turn;
            x = cx + (rv + off) * sin (phi);
            y = cy + rv - (rv + off) * cos (phi);
          }
        else
          x = cx + s * len, y = cy - off;
        if (pass == 0 && i == 0)
          cairo_move_to (cr, x, y);
        else
          cairo_line_to (cr, x, y);
      }
  cairo_close_path (cr);
  set_rgba (cr, &ink->fg, 0.12);
  cairo_fill_preserve (cr);
  gdk_cairo_set_source_rgba (cr, &ink->fg);
  cairo_stroke (cr);

  if (rv > 0)
    {
      /* Tension on the outer face (arrows apart), compression on the inner (together). */
      for (int side = -1; side <= 1; side += 2)
        for (int face = 0; face < 2; face++)
          {
            double phi = side * 0.3 * turn, r = rv + (face == 0 ? tp / 2 + 8 : -tp / 2 - 8);
            double x = cx + r * sin (phi), y = cy + rv - r * cos (phi);
            double tx = cos (phi) * side, ty = sin (phi) * side, l = 22;
            cairo_set_line_width (cr, 2.5);
            set_rgba (cr, face == 0 ? &orange : &sky, 1);
            if (face == 0)
              arrow (cr, x, y, x + l * tx, y + l * ty, 8);
            else
              arrow (cr, x + l * tx, y + l * ty, x, y, 8);
          }
      text (ink, cx, cy - tp / 2 - 12, 0.5, 1, _("tension"));
      text (ink, cx, cy + tp / 2 + 10, 0.5, 0, _("compression"));
      /* The gradient and, with f > 0, the polarization point from inner to outer face. */
      cairo_set_line_width (cr, 2.5);
      set_rgba (cr, &green, 1);
      double x0 = cx + 0.36 * len / 2, dir = self->f_eff >= 0 ? -1 : 1;
      double y0 = cy + rv - rv * cos (asin (CLAMP ((x0 - cx) / rv, -1, 1)));
      arrow (cr, x0, y0 - dir * (tp / 2 + 14), x0, y0 + dir * (tp / 2 + 14), 8);
      text (ink, x0 + 8, y0, 0, 0.5, _("<b>P</b>"));
    }
  else
    text (ink, cx, cy + tp / 2 + 10, 0.5, 0, _("flat: no strain gradient, no polarization"));

  radius = self->curvature > 0 ? fmt (1 / self->curvature, "m") : g_strdup ("∞");
  lab = g_strdup_printf (_("κ = %s (radius %s), t = %s"), k, radius, t);
  text (ink, cx, ink->h - 4, 0.5, 1, lab);
}

static void
draw_misfit (FlxGradientsView *self, Ink *ink)
{
  cairo_t *cr = ink->cr;
  double x0 = 0.12 * ink->w, x1 = 0.70 * ink->w, yi = 0.80 * ink->h;
  double fh = 60 + (0.62 * ink->h - 60) * lognorm (self->thickness, 1e-9, 1e-5);
  double cx = 0.5 * (x0 + x1), um = self->misfit;
  const int rows = 6;
  g_autofree char *t = fmt (self->thickness, "m"), *l = fmt (self->lambda, "m");
  g_autofree char *lab = NULL;

  /* Substrate, hatched. */
  cairo_set_line_width (cr, 1);
  set_rgba (cr, &ink->fg, 0.25);
  cairo_rectangle (cr, x0, yi, x1 - x0, ink->h - yi - 18);
  cairo_stroke (cr);
  cairo_save (cr);
  cairo_rectangle (cr, x0, yi, x1 - x0, ink->h - yi - 18);
  cairo_clip (cr);
  for (double x = x0 - ink->h; x < x1; x += 10)
    {
      cairo_move_to (cr, x, ink->h);
      cairo_line_to (cr, x + ink->h, 0);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
  text (ink, x1 + 8, yi + 10, 0, 0.5, _("substrate"));

  /* Film; the strain at each height as paired arrows: apart for tension, together for
   * compression, length |ε(z)| / |ε_m|. */
  set_rgba (cr, &ink->fg, 0.10);
  cairo_rectangle (cr, x0, yi - fh, x1 - x0, fh);
  cairo_fill_preserve (cr);
  gdk_cairo_set_source_rgba (cr, &ink->fg);
  cairo_stroke (cr);
  /* The strained layer shaded by |ε(z)|, so a thin one (λ << t) still shows. */
  if (um != 0)
    {
      cairo_pattern_t *grad = cairo_pattern_create_linear (0, yi, 0, yi - fh);
      const GdkRGBA *c = um > 0 ? &orange : &sky;
      for (int k = 0; k <= 8; k++)
        cairo_pattern_add_color_stop_rgba (grad, k / 8.0, c->red, c->green, c->blue,
                                           0.45 * exp (-self->thickness * k / 8.0
                                                       / self->lambda));
      cairo_rectangle (cr, x0, yi - fh, x1 - x0, fh);
      cairo_set_source (cr, grad);
      cairo_fill (cr);
      cairo_pattern_destroy (grad);
    }
  gdk_cairo_set_source_rgba (cr, &ink->fg);
  cairo_set_line_width (cr, 2);
  cairo_move_to (cr, x0, yi);
  cairo_line_to (cr, x1, yi);
  cairo_stroke (cr);
  for (int k = 0; k < rows; k++)
    {
      double z = self->thickness * (k + 0.5) / rows, y = yi - fh * (k + 0.5) / rows;
      double frac = fabs (um) > 0 ? exp (-z / self->lambda) : 0;
      double l = 0.42 * (x1 - x0) * frac;
      if (l < 3)
        continue;
      set_rgba (cr, um > 0 ? &orange : &sky, 1);
      cairo_set_line_width (cr, 2);
      if (um > 0)
        {
          arrow (cr, cx, y, cx - l, y, MIN (7, l));
          arrow (cr, cx, y, cx + l, y, MIN (7, l));
        }
      else
        {
          arrow (cr, cx - l, y, cx - 2, y, MIN (7, l));
          arrow (cr, cx + l, y, cx + 2, y, MIN (7, l));
        }
    }
  /* The relaxation length, where the strain is down to 1/e. */
  if (self->lambda < self->thickness)
    {
      double y = yi - fh * self->lambda / self->thickness;
      double dash[] = { 4, 3 };
      g_autofree char *ll = g_strdup_printf (_("λ = %s"), l);
      cairo_set_dash (cr, dash, 2, 0);
      gdk_cairo_set_source_rgba (cr, &ink->fg);
      cairo_set_line_width (cr, 1);
      cairo_move_to (cr, x0, y);
      cairo_line_to (cr, x1, y);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      /* inside the film, just above its line: clear of the labels on the right */
      text (ink, x0 + 4, y - 2, 0, 1, ll);
    }
  text (ink, x1 + 8, yi - fh + 4, 0, 0, _("film"));
  text (ink, x1 + 8, yi - fh / 2, 0, 0.5, um > 0 ? _("tension") : um < 0 ? _("compression")
                                                  : _("no misfit"));
  lab = g_strdup_printf (_("ε<sub>m</sub> = %.3g %%, t = %s, λ = %s"), 100 * um, t, l);
  text (ink, 0.5 * ink->w, 4, 0.5, 0, lab);
}

static void
draw_indentation (FlxGradientsView *self, Ink *ink)
{
  cairo_t *cr = ink->cr;
  double cx = 0.45 * ink->w, ys = 0.60 * ink->h, rpx = 0.20 * ink->h;
  double ratio = self->tip_radius > 0 ? self->contact_radius / self->tip_radius : 0;
  double apx = rpx * CLAMP (ratio, 0.05, 0.95);
  double dpx = rpx - sqrt (rpx * rpx - apx * apx); /* indentation of the drawn sphere */
  double cy = ys - rpx + dpx; /* tip centre */
  double tf = CLAMP (rpx * self->thickness / self->tip_radius, 10, 0.22 * ink->h);
  double half = atan2 (apx, rpx - dpx);
  g_autofree char *a2 = fmt (2 * self->contact_radius, "m"), *r = fmt (self->tip_radius, "m");
  g_autofree char *f = fmt (self->force, "N"), *t = fmt (self->thickness, "m");
  g_autofree char *la = NULL, *lf = NULL, *lr = NULL;

  /* Film and substrate below the indented surface. */
  cairo_set_line_width (cr, 1.5);
  cairo_move_to (cr, 8, ys);
  cairo_line_to (cr, cx - apx, ys);
  cairo_arc_negative (cr, cx, cy, rpx, G_PI / 2 + half, G_PI / 2 - half);
  cairo_line_to (cr, ink->w - 8, ys);
  cairo_line_to (cr, ink->w - 8, ys + tf);
  cairo_line_to (cr, 8, ys + tf);
  cairo_close_path (cr);
  set_rgba (cr, &ink->fg, 0.12);
  cairo_fill_preserve (cr);
  gdk_cairo_set_source_rgba (cr, &ink->fg);
  cairo_stroke (cr);
  set_rgba (cr, &ink->fg, 0.28);
  cairo_rectangle (cr, 8, ys + tf, ink->w - 16, MAX (6, ink->h - ys - tf - 26));
  cairo_fill (cr);
  lr = g_strdup_printf (_("film, t = %s"), t);
  text (ink, ink->w - 12, ys + tf / 2, 1, 0.5, lr);

  /* The tip: a sphere of radius R on a cone. */
  /* The whole sphere: its cap fills the dent the film surface follows. */
  cairo_new_path (cr);
  cairo_arc (cr, cx, cy, rpx, 0, 2 * G_PI);
  cairo_close_path (cr);
  set_rgba (cr, &ink->fg, 0.30);
  cairo_fill_preserve (cr);
  gdk_cairo_set_source_rgba (cr, &ink->fg);
  cairo_stroke (cr);
  la = g_strdup_printf (_("tip, R = %s"), r);
  text (ink, cx + rpx + 8, cy, 0, 0.5, la);

  /* Load, and the contact width that sets the gradient. */
  cairo_set_line_width (cr, 3);
  set_rgba (cr, &orange, 1);
  arrow (cr, cx, MIN (8, cy - rpx - 20), cx, cy - rpx - 4, 10);
  lf = g_strdup_printf (_("F = %s"), f);
  text (ink, cx + 10, 6, 0, 0, lf);
  {
    g_autofree char *da = g_strdup_printf (_("2a = %s"), a2);
    set_rgba (cr, &green, 1);
    cairo_set_line_width (cr, 3);
    cairo_move_to (cr, cx - apx, ys + 2);
    cairo_line_to (cr, cx + apx, ys + 2);
    cairo_stroke (cr);
    dimension (ink, cx - apx, cx + apx, ys + tf + 10, da, TRUE);
  }
}

static void
draw_composition (FlxGradientsView *self, Ink *ink)
{
  cairo_t *cr = ink->cr;
  double x0 = 0.14 * ink->w, x1 = 0.78 * ink->w, ytop = 0.18 * ink->h, ybot = 0.70 * ink->h;
  double de = self->band_offset, tilt = 0.22 * ink->h * CLAMP (de / 1.0, -1, 1);
  double yc0 = ytop + 0.10 * ink->h + MAX (tilt, 0), yc1 = yc0 - tilt, gap = 0.28 * ink->h;
  cairo_pattern_t *grad = cairo_pattern_create_linear (x0, 0, x1, 0);
  g_autofree char *t = fmt (self->thickness, "m"), *lab = NULL;

  /* The graded layer: composition (or defect density) changing along z. */
  cairo_pattern_add_color_stop_rgba (grad, 0, green.red, green.green, green.blue, 0.05);
  cairo_pattern_add_color_stop_rgba (grad, 1, green.red, green.green, green.blue, 0.55);
  cairo_rectangle (cr, x0, ytop, x1 - x0, ybot - ytop + 0.12 * ink->h);
  cairo_set_source (cr, grad);
  cairo_fill (cr);
  cairo_pattern_destroy (grad);

  /* Band edges, tilted by the grading; an electron rolls downhill. */
  cairo_set_line_width (cr, 2.5);
  gdk_cairo_set_source_rgba (cr, &ink->fg);
  cairo_move_to (cr, x0, yc0);
  cairo_line_to (cr, x1, yc1);
  cairo_move_to (cr, x0, yc0 + gap);
  cairo_line_to (cr, x1, yc1 + gap);
  cairo_stroke (cr);
  text (ink, x1 + 6, yc1, 0, 0.5, _("E<sub>c</sub>"));
  text (ink, x1 + 6, yc1 + gap, 0, 0.5, _("E<sub>v</sub>"));
  if (fabs (tilt) > 2)
    {
      double xe = 0.5 * (x0 + x1), ye = 0.5 * (yc0 + yc1) - 7;
      double dir = de > 0 ? -1 : 1; /* electrons go to lower E_c */
      g_autofree char *lde = g_strdup_printf (_("ΔE<sub>c</sub> = %.3g eV"), de);
      cairo_arc (cr, xe, ye, 5, 0, 2 * G_PI);
      set_rgba (cr, &sky, 1);
      cairo_fill (cr);
      cairo_set_line_width (cr, 2);
      arrow (cr, xe + dir * 8, ye, xe + dir * 40, ye + dir * 40 * tilt / (x1 - x0) * -1, 7);
      text (ink, x0 + 4, MIN (yc0, yc1) - 6, 0, 1, lde);
      /* The built-in field pushes electrons downhill: it points uphill. */
      set_rgba (cr, &orange, 1);
      cairo_set_line_width (cr, 2.5);
      arrow (cr, 0.5 * (x0 + x1) + dir * 50, ybot + 0.06 * ink->h,
             0.5 * (x0 + x1) - dir * 50, ybot + 0.06 * ink->h, 9);
      text (ink, 0.5 * (x0 + x1) + 60, ybot + 0.06 * ink->h, 0, 0.5, _("<b>E</b> built-in"));
    }
  else
    text (ink, 0.5 * (x0 + x1), ybot + 0.06 * ink->h, 0.5, 0.5, _("flat bands: no field"));
  lab = g_strdup_printf (_("graded layer, t = %s"), t);
  dimension (ink, x0, x1, ink->h - 22, lab, FALSE);
  text (ink, x1, ink->h - 4, 1, 1, _("z →"));
}

static void
draw_photovoltaic (FlxGradientsView *self, Ink *ink)
{
  cairo_t *cr = ink->cr;
  double x0 = 0.10 * ink->w, x1 = 0.62 * ink->w, yt = 0.36 * ink->h, yb = 0.78 * ink->h;
  double xr = 0.86 * ink->w, jw = 1.5 + 5 * lognorm (fabs (self->current_density), 1e-2, 1e6);
  cairo_pattern_t *grad = cairo_pattern_create_linear (0, yt, 0, yb);
  g_autofree char *j = fmt (fabs (self->current_density) / 1e4, "A");
  g_autofree char *g = fmt (self->gradient, "1/m"), *lab = NULL;

  /* Light from above onto a transparent top electrode. */
  set_rgba (cr, &sky, 1);
  cairo_set_line_width (cr, 2);
  for (int k = 0; k < 4; k++)
    {
      double x = x0 + (k + 0.5) * (x1 - x0) / 4;
      cairo_move_to (cr, x, 6);
      for (double s = 0; s <= 1.0; s += 0.05)
        cairo_line_to (cr, x + 5 * sin (s * 4 * G_PI), 6 + s * (yt - 26));
      cairo_stroke (cr);
      arrow (cr, x, yt - 24, x, yt - 12, 7);
    }
  text (ink, x1 + 6, 14, 0, 0.5, _("light, hν"));

  /* Film with a strain gradient (shading) between the electrodes. */
  cairo_pattern_add_color_stop_rgba (grad, 0, ink->fg.red, ink->fg.green, ink->fg.blue, 0.35);
  cairo_pattern_add_color_stop_rgba (grad, 1, ink->fg.red, ink->fg.green, ink->fg.blue, 0.05);
  cairo_rectangle (cr, x0, yt, x1 - x0, yb - yt);
  cairo_set_source (cr, grad);
  cairo_fill (cr);
  cairo_pattern_destroy (grad);
  gdk_cairo_set_source_rgba (cr, &ink->fg);
  cairo_set_line_width (cr, 4);
  cairo_move_to (cr, x0, yt - 2);
  cairo_line_to (cr, x1, yt - 2);
  cairo_move_to (cr, x0, yb + 2);
  cairo_line_to (cr, x1, yb + 2);
  cairo_stroke (cr);
  lab = g_strdup_printf (_("strained film\ng = %s"), g);
  text (ink, 0.5 * (x0 + x1), 0.5 * (yt + yb), 0.5, 0.5, lab);

  /* The outer circuit, an ammeter and the current. */
  cairo_set_line_width (cr, 1.5);
  cairo_move_to (cr, x1, yt - 2);
  cairo_line_to (cr, xr, yt - 2);
  cairo_line_to (cr, xr, 0.5 * (yt + yb) - 13);
  cairo_move_to (cr, xr, 0.5 * (yt + yb) + 13);
  cairo_line_to (cr, xr, yb + 2);
  cairo_line_to (cr, x1, yb + 2);
  cairo_stroke (cr);
  cairo_new_sub_path (cr);
  cairo_arc (cr, xr, 0.5 * (yt + yb), 13, 0, 2 * G_PI);
  cairo_stroke (cr);
  text (ink, xr, 0.5 * (yt + yb), 0.5, 0.5, "A");
  if (self->current_density != 0)
    {
      double dir = self->current_density > 0 ? 1 : -1;
      set_rgba (cr, &green, 1);
      cairo_set_line_width (cr, jw);
      arrow (cr, 0.5 * (x1 + xr) - dir * 20, yt - 2, 0.5 * (x1 + xr) + dir * 20, yt - 2,
             6 + 2 * jw);
    }
  {
    g_autofree char *lj = g_strdup_printf (_("J ≈ %s/cm²"), j);
    text (ink, 0.5 * (x1 + xr), yt - 10, 0.5, 1, lj);
  }
  text (ink, 0.5 * ink->w, ink->h - 4, 0.5, 1, _("<i>order-of-magnitude illustration</i>"));
}

static void
schematic_draw (GtkDrawingArea *area, cairo_t *cr, int w, int h, gpointer data)
{
  FlxGradientsView *self = data;
  Ink ink = { cr, GTK_WIDGET (area), { 0 }, w, h };

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  /* gtk_widget_get_color() needs GTK 4.10 */
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &ink.fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  switch (self->scenario)
    {
    case FLX_GRADIENTS_BENDING: draw_bending (self, &ink); break;
    case FLX_GRADIENTS_MISFIT: draw_misfit (self, &ink); break;
    case FLX_GRADIENTS_INDENTATION: draw_indentation (self, &ink); break;
    case FLX_GRADIENTS_COMPOSITION: draw_composition (self, &ink); break;
    case FLX_GRADIENTS_PHOTOVOLTAIC: draw_photovoltaic (self, &ink); break;
    default: break;
    }
}

/* --- FlxView ------------------------------------------------------------------------------ */

static double
value (FlxGradientsView *self, const double *values, const char *name)
{
  int i = flx_model_find_param (self->model, name);
  return i >= 0 ? values[i] : NAN;
}

static double
scalar (const FlxResult *r, const char *name)
{
  double v = NAN;
  flx_result_get_scalar (r, name, &v);
  return v;
}

static void
set_now (FlxGradientsView *self, int k, double x, const char *label)
{
  FlxPlot *plot = FLX_PLOT (self->plots[k]);

  if (self->now[k] != 0)
    flx_plot_remove_annotation (plot, self->now[k]);
  self->now[k] = isfinite (x) ? flx_plot_add_vline (plot, x, label, FLX_DASH_DOTTED, NULL) : 0;
}

/* A reference value of the review on a plot, only where the curve reaches it (lines
 * widen the autoscaled range, and a far-away one would squash the curve). */
static void
set_reference (FlxGradientsView *self, const FlxResult *r, int k, guint *id,
               gboolean vertical, double at, const char *label)
{
  FlxPlot *plot = FLX_PLOT (self->plots[k]);
  const FlxSeries *ser = flx_result_get_series (r, plot_specs[k].series);
  double lo = INFINITY, hi = -INFINITY;

  if (*id != 0)
    flx_plot_remove_annotation (plot, *id);
  *id = 0;
  for (gsize i = 0; ser != NULL && i < ser->n; i++)
    {
      lo = MIN (lo, vertical ? ser->x[i] : ser->y[i]);
      hi = MAX (hi, vertical ? ser->x[i] : ser->y[i]);
    }
  if (at >= lo && at <= hi)
    *id = vertical ? flx_plot_add_vline (plot, at, label, FLX_DASH_DASHED, NULL)
                   : flx_plot_add_hline (plot, FLX_AXIS_Y, at, label, FLX_DASH_DASHED, NULL);
}

static void
flx_gradients_view_update (FlxView *view, const FlxResult *r, const double *values)
{
  FlxGradientsView *self = FLX_GRADIENTS_VIEW (view);
  const char *preview = r->quality == FLX_QUALITY_FAST ? _("preview") : NULL;
  int s = (int) value (self, values, "scenario");
  g_autofree char *relation = NULL;

  if (s < 0 || s >= N_SCEN)
    return;
  self->scenario = s;
  self->thickness = value (self, values, "thickness");
  self->curvature = value (self, values, "curvature");
  self->misfit = value (self, values, "misfit_strain");
  self->lambda = value (self, values, "relaxation_length");
  self->force = value (self, values, "force");
  self->tip_radius = value (self, values, "tip_radius");
  self->band_offset = value (self, values, "band_offset");
  self->f_eff = value (self, values, "f_eff");
  self->gradient = value (self, values, "gradient");
  self->contact_radius = scalar (r, "contact_radius");
  self->current_density = scalar (r, "current_density");

  gtk_label_set_text (GTK_LABEL (self->title), _(texts[s].title));
  gtk_label_set_text (GTK_LABEL (self->intro), _(texts[s].intro));
  gtk_label_set_markup (GTK_LABEL (self->relation), _(texts[s].relation));
  relation = g_strdup_printf ("%s\n<small>%s</small>", _(texts[s].reference), _(REVIEW));
  gtk_label_set_markup (GTK_LABEL (self->reference), relation);
  gtk_widget_queue_draw (self->schematic);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->schematic),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _(texts[s].intro), -1);

  gtk_stack_set_visible_child (GTK_STACK (self->strip_stack), self->strips[s]);
  flx_stat_strip_update (self->strips[s], r);

  for (int k = 0; k < N_PLOTS; k++)
    {
      const FlxSeries *ser = flx_result_get_series (r, plot_specs[k].series);
      FlxPlot *plot = FLX_PLOT (self->plots[k]);

      gtk_widget_set_visible (self->plots[k], ser != NULL && ser->n > 0);
      if (ser == NULL || ser->n == 0)
        {
          flx_plot_remove_series (plot, "curve");
          continue;
        }
      flx_plot_set_series (plot, "curve", NULL, ser->x, ser->y, ser->n);
      flx_plot_set_preview_text (plot, preview);
    }
  /* The profile is through a bent membrane (about its neutral plane) or up a film. */
  flx_plot_set_axis (FLX_PLOT (self->plots[PL_PROFILE]), FLX_AXIS_X,
                     s == FLX_GRADIENTS_MISFIT ? _("Height above the interface z")
                                               : _("Distance from the neutral plane z"), "m");
  /* A "now" label on top of a reference line would be unreadable: the line alone. */
  set_now (self, PL_POL_CURV, self->curvature,
           fabs (self->curvature / 7.55e4 - 1) < 0.03 ? NULL : _("now"));
  set_now (self, PL_D_FORCE, self->force, _("now"));
  set_now (self, PL_D_RADIUS, self->contact_radius, _("now"));
  set_now (self, PL_CURRENT, self->gradient,
           fabs (self->gradient / 3.3e7 - 1) < 0.03 ? NULL : _("now"));
  set_now (self, PL_PROFILE, s == FLX_GRADIENTS_MISFIT && self->lambda < self->thickness
                             ? self->lambda : NAN, "λ");
  /* The review's numbers (Table 1, refs 29, 20, 30), where the curves reach them. */
  set_reference (self, r, PL_POL_CURV, &self->refs[0], TRUE, 7.55e4,
                 _("BiFeO<sub>3</sub> membrane (Guo)"));
  set_reference (self, r, PL_CURRENT, &self->refs[1], TRUE, 3.3e7,
                 _("BiFeO<sub>3</sub> phase boundary (Chu)"));
  set_reference (self, r, PL_CURRENT, &self->refs[2], FALSE, 1e4,
                 _("~1 A/cm², tip on SrTiO<sub>3</sub> (Yang)"));
}

static void
flx_gradients_view_set_stale (FlxView *view, gboolean stale)
{
  FlxGradientsView *self = FLX_GRADIENTS_VIEW (view);

  for (int k = 0; k < N_PLOTS; k++)
    flx_plot_set_stale (FLX_PLOT (self->plots[k]), stale);
  gtk_widget_set_opacity (self->schematic, stale ? 0.5 : 1.0);
}

/* --- compare runs, session state ---------------------------------------------------------- */

static void
flx_gradients_view_set_pins (FlxView *view, const FlxPin *pins, guint n)
{
  FlxGradientsView *self = FLX_GRADIENTS_VIEW (view);
  int scen = flx_model_find_param (self->model, "scenario");
  /* The parameter or scalar at each plot's "now" line and the curve's value there. */
  static const struct { int k; const char *x, *y; } points[] = {
    { PL_POL_CURV, "curvature", "polarization" },
    { PL_D_FORCE, "force", "d_eff" },
    { PL_D_RADIUS, "contact_radius", "d_eff" },
    { PL_CURRENT, "gradient", "current_density" },
  };

  for (int k = 0; k < N_PLOTS; k++)
    flx_view_plot_add_pins (self->plots[k], (const char *[]) { plot_specs[k].series, NULL },
                            pins, n);
  for (gsize i = 0; i < G_N_ELEMENTS (points); i++)
    flx_view_plot_add_pin_points (self->plots[points[i].k], "state", points[i].x, points[i].y,
                                  pins, n);
  /* A pin of another scenario is another experiment: bending and misfit share the
   * "profile" series but not its meaning, so only the scenario on screen is compared. */
  for (guint p = 0; p < n; p++)
    if ((int) pins[p].outcome->values[scen] != self->scenario)
      for (int k = 0; k < N_PLOTS; k++)
        {
          g_autofree char *curve = flx_view_pin_series_id (p, plot_specs[k].series);
          g_autofree char *point = flx_view_pin_series_id (p, "state");
          flx_plot_remove_series (FLX_PLOT (self->plots[k]), curve);
          flx_plot_remove_series (FLX_PLOT (self->plots[k]), point);
        }
}

/* Plot zoom, one key per plot: its series name, as the generic view did for this model. */
static void
flx_gradients_view_save_state (FlxView *view, GKeyFile *kf, const char *group)
{
  FlxGradientsView *self = FLX_GRADIENTS_VIEW (view);

  for (int k = 0; k < N_PLOTS; k++)
    flx_view_plot_save_state (self->plots[k], plot_specs[k].series, kf, group);
}

static void
flx_gradients_view_load_state (FlxView *view, GKeyFile *kf, const char *group,
                               GPtrArray *problems)
{
  FlxGradientsView *self = FLX_GRADIENTS_VIEW (view);

  for (int k = 0; k < N_PLOTS; k++)
    flx_view_plot_load_state (self->plots[k], plot_specs[k].series, kf, group, problems);
}

static void
flx_gradients_view_iface_init (FlxViewInterface *iface)
{
  iface->update = flx_gradients_view_update;
  iface->set_stale = flx_gradients_view_set_stale;
  iface->set_pins = flx_gradients_view_set_pins;
  iface->save_state = flx_gradients_view_save_state;
  iface->load_state = flx_gradients_view_load_state;
}

/* --- object ------------------------------------------------------------------------------- */

static void
flx_gradients_view_dispose (GObject *object)
{
  FlxGradientsView *self = FLX_GRADIENTS_VIEW (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (flx_gradients_view_parent_class)->dispose (object);
}

static void
flx_gradients_view_class_init (FlxGradientsViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = flx_gradients_view_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "flxgradientsview");
}

static void
flx_gradients_view_init (FlxGradientsView *self)
{
  self->scenario = -1;
}

int
flx_gradients_view_get_scenario (FlxGradientsView *self)
{
  g_return_val_if_fail (FLX_IS_GRADIENTS_VIEW (self), -1);
  return self->scenario;
}

GtkWidget *
flx_gradients_view_get_schematic (FlxGradientsView *self)
{
  g_return_val_if_fail (FLX_IS_GRADIENTS_VIEW (self), NULL);
  return self->schematic;
}

GtkWidget *
flx_gradients_view_get_plot (FlxGradientsView *self, const char *series)
{
  g_return_val_if_fail (FLX_IS_GRADIENTS_VIEW (self), NULL);
  for (int k = 0; k < N_PLOTS; k++)
    if (strcmp (plot_specs[k].series, series) == 0)
      return self->plots[k];
  return NULL;
}

static GtkWidget *
wrapped_label (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  return label;
}

FlxView *
flx_gradients_view_new (const FlxModel *model)
{
  FlxGradientsView *self = g_object_new (FLX_TYPE_GRADIENTS_VIEW, NULL);
  GtkWidget *row, *side, *plots;

  self->model = model;
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->title = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->title), 0);
  gtk_widget_add_css_class (self->title, "title-3");
  gtk_box_append (GTK_BOX (self->box), self->title);
  self->intro = wrapped_label ();
  gtk_box_append (GTK_BOX (self->box), self->intro);

  /* Schematic beside the relation and the review's numbers. */
  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  self->schematic = gtk_drawing_area_new ();
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (self->schematic), 400);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->schematic), 260);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->schematic), schematic_draw, self, NULL);
  gtk_widget_add_css_class (self->schematic, "card");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->schematic),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Schematic of the scenario"),
                                  -1);
  gtk_box_append (GTK_BOX (row), self->schematic);
  side = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_hexpand (side, TRUE);
  self->relation = wrapped_label ();
  self->reference = wrapped_label ();
  gtk_widget_add_css_class (self->reference, "dim-label");
  gtk_box_append (GTK_BOX (side), self->relation);
  gtk_box_append (GTK_BOX (side), self->reference);
  gtk_box_append (GTK_BOX (row), side);
  gtk_box_append (GTK_BOX (self->box), row);

  self->strip_stack = gtk_stack_new ();
  gtk_stack_set_vhomogeneous (GTK_STACK (self->strip_stack), FALSE);
  for (int s = 0; s < N_SCEN; s++)
    {
      self->strips[s] = flx_stat_strip_new (model, stat_sets[s].specs, stat_sets[s].n, 5);
      gtk_stack_add_child (GTK_STACK (self->strip_stack), self->strips[s]);
    }
  gtk_box_append (GTK_BOX (self->box), self->strip_stack);

  plots = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_box_set_homogeneous (GTK_BOX (plots), TRUE);
  for (int k = 0; k < N_PLOTS; k++)
    {
      self->plots[k] = flx_view_plot_new (_(plot_specs[k].title), _(plot_specs[k].x_label),
                                          plot_specs[k].x_unit, _(plot_specs[k].y_label),
                                          plot_specs[k].y_unit, FALSE);
      gtk_widget_set_visible (self->plots[k], FALSE);
      gtk_box_append (GTK_BOX (plots), self->plots[k]);
    }
  /* d_eff spans decades in force and radius. */
  for (int k = PL_D_FORCE; k <= PL_D_RADIUS; k++)
    {
      flx_plot_set_axis_scale (FLX_PLOT (self->plots[k]), FLX_AXIS_X, FLX_AXIS_SCALE_LOG10);
      flx_plot_set_axis_scale (FLX_PLOT (self->plots[k]), FLX_AXIS_Y, FLX_AXIS_SCALE_LOG10);
    }
  gtk_box_append (GTK_BOX (self->box), plots);
  return FLX_VIEW (self);
}
