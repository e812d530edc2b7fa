/* flx-model-gradients.c: registry table and run adaptor for the gradient-engineering
 * explorer (seed 003).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The physics is in sim/flx-gradients.c.  Each scenario reads only the parameters it
 * needs and sets only its own scalars and series; the rest stay unset (omitted from the
 * output).  The note carries the formula and the review's reference numbers.
 */
#include "flx-models.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../flx-gradients.h"

static const char *const scenarios[] = {
  "bending", N_("misfit"), "indentation", "composition", "photovoltaic", NULL
};

static const FlxParamSpec params[] = {
  { "scenario", N_("Scenario"), "", NULL, FLX_PARAM_CHOICE, 0, 0, 4, scenarios, false,
    N_("Which gradient-engineering scenario to explore.") },
  { "thickness", N_("Thickness"), "m", "nm", FLX_PARAM_NUMBER, 20e-9, 1e-9, 10e-6, NULL, true,
    N_("Membrane, film or graded-layer thickness.") },
  { "curvature", N_("Curvature"), "1/m", NULL, FLX_PARAM_NUMBER, 1e5, 0, 1e8, NULL, false,
    N_("Bending curvature of the membrane (bending).") },
  { "misfit_strain", N_("Misfit strain"), "", NULL, FLX_PARAM_NUMBER, 0.01, -0.05, 0.05, NULL, false,
    N_("Lattice misfit strain at the interface (misfit).") },
  { "relaxation_length", N_("Relaxation length"), "m", "nm", FLX_PARAM_NUMBER, 10e-9, 0.5e-9, 1e-6, NULL, true,
    N_("Decay length of the misfit strain (misfit; review: 1e5-1e6 1/m gradients).") },
  { "force", N_("Tip force"), "N", "µN", FLX_PARAM_NUMBER, 5e-6, 1e-8, 1e-4, NULL, true,
    N_("Load on the tip; the contact radius follows the cfr contact model (indentation).") },
  { "tip_radius", N_("Tip radius"), "m", "nm", FLX_PARAM_NUMBER, 50e-9, 5e-9, 1e-6, NULL, true,
    N_("Radius of the AFM tip (indentation).") },
  { "band_offset", N_("Band-edge change"), "eV", NULL, FLX_PARAM_NUMBER, 0.3, -3, 3, NULL, false,
    N_("Change of the band edge across the graded layer (composition).") },
  { "f_eff", N_("Flexocoupling"), "V", NULL, FLX_PARAM_NUMBER, 10, -100, 100, NULL, false,
    N_("Effective flexocoupling coefficient (oxides: 1-10 V).") },
  { "eps_r", N_("Relative permittivity"), "", NULL, FLX_PARAM_NUMBER, 300, 1, 1e5, NULL, true,
    N_("Relative permittivity (SrTiO3 at room temperature: ~300).") },
  { "gradient", N_("Strain gradient"), "1/m", NULL, FLX_PARAM_NUMBER, 3.3e7, 0, 1e9, NULL, false,
    N_("Imposed strain gradient (photovoltaic; review: 3.3e7 1/m at BiFeO3 phase boundaries).") },
  { "photoconductivity", N_("Photoconductivity"), "S/m", NULL, FLX_PARAM_NUMBER, 3e-5, 1e-9, 1, NULL, true,
    N_("Conductivity under illumination (photovoltaic; order of magnitude, chosen so the "
       "default gives ~1 A/cm^2 as the review's tip experiment).") },
};

enum { P_SCEN, P_T, P_KAPPA, P_MISFIT, P_LAMBDA, P_FORCE, P_TIP, P_BAND, P_F, P_EPS,
       P_GRAD, P_SIGMA };

static const FlxScalarSpec scalars[] = {
  { "strain_gradient", N_("Strain gradient"), "1/m", N_("Gradient produced by the scenario (film average).") },
  { "polarization", N_("Polarization"), "C/m^2", N_("Flexoelectric polarization eps0 eps_r f g.") },
  { "built_in_field", N_("Built-in field"), "V/m", N_("Flexoelectric field f g, or the band-edge slope.") },
  { "voltage", N_("Voltage across the layer"), "V", N_("Open-circuit voltage f (u(t) - u(0)), or the band-edge change.") },
  { "surface_strain", N_("Surface strain"), "", N_("kappa t / 2 (bending).") },
  { "interface_gradient", N_("Interface gradient"), "1/m", N_("-u_m / lambda at the interface (misfit).") },
  { "contact_radius", N_("Contact radius"), "m", N_("Tip contact radius, cfr eq 9 (indentation).") },
  { "d_eff", N_("Converse flexoelectric d_eff"), "m/V", N_("mu / (c33 a), order of magnitude (indentation).") },
  { "equivalent_gradient", N_("Equivalent strain gradient"), "1/m", N_("Built-in field / f (composition).") },
  { "current_density", N_("Photocurrent density"), "A/m^2", N_("sigma_ph f g, order of magnitude (photovoltaic).") },
};

static const FlxSeriesSpec series[] = {
  { "profile", N_("Strain through the thickness"), N_("Depth"), "m", N_("Strain"), "" },
  { "band_edge_profile", N_("Band edge through the graded layer"), N_("Depth"), "m", N_("Band edge"), "eV" },
  { "d_eff_vs_force", N_("Converse flexoelectric d_eff vs tip force"), N_("Force"), "N", N_("d_eff"), "m/V" },
  { "d_eff_vs_contact_radius", N_("Converse flexoelectric d_eff vs contact radius"), N_("Contact radius"), "m", N_("d_eff"), "m/V" },
  { "current_vs_gradient", N_("Photocurrent density vs strain gradient"), N_("Strain gradient"), "1/m", N_("Current density"), "A/m^2" },
  { "polarization_vs_curvature", N_("Polarization vs curvature"), N_("Curvature"), "1/m", N_("Polarization"), "C/m^2" },
};

/* Which inputs each scenario reads (flx-gradients.c); the page hides the others.
 * tests/sim/test-gradients.c checks this against what actually changes the result. */
static bool
gradients_param_relevant (int index, const double *v)
{
  switch ((FlxGradientsScenario) (int) v[P_SCEN])
    {
    case FLX_GRADIENTS_BENDING:
      return index == P_SCEN || index == P_T || index == P_KAPPA || index == P_F
             || index == P_EPS;
    case FLX_GRADIENTS_MISFIT:
      return index == P_SCEN || index == P_T || index == P_MISFIT || index == P_LAMBDA
             || index == P_F || index == P_EPS;
    case FLX_GRADIENTS_INDENTATION:
      return index == P_SCEN || index == P_T || index == P_FORCE || index == P_TIP
             || index == P_F || index == P_EPS;
    case FLX_GRADIENTS_COMPOSITION:
      /* f only converts the field into an equivalent strain gradient. */
      return index == P_SCEN || index == P_T || index == P_BAND || index == P_F;
    case FLX_GRADIENTS_PHOTOVOLTAIC:
      return index == P_SCEN || index == P_GRAD || index == P_SIGMA || index == P_F
             || index == P_EPS;
    default:
      return true;
    }
}

static void
free_typed (void *extra)
{
  flx_gradients_result_clear (extra);
  free (extra);
}

static void
set_if (FlxResult *out, const char *name, double v)
{
  if (isfinite (v))
    flx_result_set_scalar (out, name, v);
}

static FlxStatus
set_curve (FlxResult *out, const char *name, const FlxGradientsCurve *c)
{
  return c->n > 0 ? flx_result_set_series (out, name, c->x, c->y, c->n) : FLX_OK;
}

/* Validity (issue 9): continuum flexoelectricity needs the gradient to act over more than
 * a few unit cells (3 a, a = 0.3905 nm for SrTiO3) and to change the strain by less than
 * 5 % per cell; linear elasticity needs strains below a few percent (3 %). */
static void
gradients_warning (const FlxGradientsParams *p, const FlxGradientsResult *r, char *buf,
                   size_t len)
{
  const double cell = 0.3905e-9;
  double scale = p->thickness, strain = 0, g = fabs (r->strain_gradient);
  if (p->scenario == FLX_GRADIENTS_MISFIT)
    {
      scale = fmin (scale, p->relaxation_length);
      strain = fabs (p->misfit_strain);
      g = fabs (r->interface_gradient);
    }
  else if (p->scenario == FLX_GRADIENTS_BENDING)
    strain = fabs (r->surface_strain);
  else if (p->scenario == FLX_GRADIENTS_INDENTATION)
    scale = fmin (scale, r->contact_radius);
  else if (p->scenario == FLX_GRADIENTS_PHOTOVOLTAIC)
    scale = INFINITY; /* an imposed gradient: only its size per cell counts */

  if (scale < 3 * cell)
    snprintf (buf, len, "The gradient acts over %.2g nm, under three unit cells: a continuum "
              "strain gradient is not defined there.", scale * 1e9);
  else if (isfinite (g) && g * cell > 0.05)
    snprintf (buf, len, "Strain gradient %.2g 1/m changes the strain by %.0f %% per unit "
              "cell: beyond the continuum scale of flexoelectricity.", g, 100 * g * cell);
  else if (strain > 0.03)
    snprintf (buf, len, "Strain %.2g %% is beyond linear elasticity (a few percent).",
              100 * strain);
}

static FlxStatus
gradients_run (const double *v, FlxQuality quality, FlxResult *out,
               FlxProgressFunc progress, void *user_data, char *errmsg, size_t errmsg_len)
{
  FlxGradientsParams p;
  flx_gradients_params_init (&p);
  p.scenario = (FlxGradientsScenario) (int) v[P_SCEN];
  p.thickness = v[P_T];
  p.curvature = v[P_KAPPA];
  p.misfit_strain = v[P_MISFIT];
  p.relaxation_length = v[P_LAMBDA];
  p.force = v[P_FORCE];
  p.tip_radius = v[P_TIP];
  p.band_offset = v[P_BAND];
  p.f_eff = v[P_F];
  p.eps_r = v[P_EPS];
  p.gradient = v[P_GRAD];
  p.photoconductivity = v[P_SIGMA];

  FlxGradientsResult *r = calloc (1, sizeof *r);
  if (r == NULL)
    return flx_set_error (errmsg, errmsg_len, FLX_E_NOMEM, "out of memory");
  FlxStatus st = flx_gradients_run (&p, quality, r, progress, user_data, errmsg, errmsg_len);
  if (st != FLX_OK)
    {
      free_typed (r);
      return st;
    }
  set_if (out, "strain_gradient", r->strain_gradient);
  set_if (out, "polarization", r->polarization);
  set_if (out, "built_in_field", r->built_in_field);
  set_if (out, "voltage", r->voltage);
  set_if (out, "surface_strain", r->surface_strain);
  set_if (out, "interface_gradient", r->interface_gradient);
  set_if (out, "contact_radius", r->contact_radius);
  set_if (out, "d_eff", r->d_eff);
  set_if (out, "equivalent_gradient", r->equivalent_gradient);
  set_if (out, "current_density", r->current_density);
  if ((st = set_curve (out, "profile", &r->profile))
      || (st = set_curve (out, "band_edge_profile", &r->band_edge))
      || (st = set_curve (out, "d_eff_vs_force", &r->d_eff_vs_force))
      || (st = set_curve (out, "d_eff_vs_contact_radius", &r->d_eff_vs_radius))
      || (st = set_curve (out, "current_vs_gradient", &r->current_vs_gradient))
      || (st = set_curve (out, "polarization_vs_curvature", &r->polarization_vs_curvature)))
    {
      free_typed (r);
      return flx_set_error (errmsg, errmsg_len, st, "out of memory storing the result");
    }
  memcpy (out->note, r->note, sizeof out->note < sizeof r->note ? sizeof out->note
                                                                 : sizeof r->note);
  out->note[sizeof out->note - 1] = '\0';
  gradients_warning (&p, r, out->warning, sizeof out->warning);
  out->extra = r;
  out->free_extra = free_typed;
  return FLX_OK;
}

const FlxModel flx_model_gradients = {
  "gradients", N_("Gradient engineering"),
  N_("Strain, field and chemical gradients in oxide heterostructures: what each one "
  "produces, with the review's reference numbers."),
  "Review: strain, field and chemical gradient engineering in oxide heterostructures "
  "(seed 003)",
  params, FLX_N_ELEMENTS (params), scalars, FLX_N_ELEMENTS (scalars),
  series, FLX_N_ELEMENTS (series), NULL, 0,
  gradients_run,
  NULL,
  gradients_param_relevant,
};
