/* flx-model-vacancy.c: registry table and adaptor for tip-driven oxygen-vacancy
 * drift-diffusion (seed 001, issue 7); the physics is in flx-vacancy.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The adaptor maps the table's values onto FlxVacancyParams (the rest keep the defaults
 * of flx_vacancy_params_init), runs the chain and copies scalars, series and maps.  The
 * typed FlxVacancyResult is handed to the page as result->extra.
 */
#include "flx-models.h"

#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "../flx-vacancy.h"

static const char *const tips[] = { "spherical", N_("flat"), NULL };
static const char *const initials[] = { "uniform", N_("enriched"), NULL };

enum {
  P_TIP, P_TIP_RADIUS, P_CONTACT_RADIUS, P_FORCE, P_BIAS, P_TIME, P_SCAN_SPEED,
  P_THICKNESS, P_DIFFUSIVITY, P_F_EFF, P_INITIAL, P_EPS_R, P_N
};

static const FlxParamSpec params[] = {
  { "tip", N_("Tip shape"), "", NULL, FLX_PARAM_CHOICE, 0, 0, 1, tips, false,
    N_("Spherical (Hertz contact) or flat-ended punch.") },
  { "tip_radius", N_("Tip radius"), "m", "nm", FLX_PARAM_NUMBER, 25e-9, 5e-9, 1e-6, NULL, true,
    N_("Spherical tip radius (paper: 25 nm sharp tip, > 200 nm blunt).") },
  { "contact_radius", N_("Punch radius"), "m", "nm", FLX_PARAM_NUMBER, 15e-9, 1e-9, 500e-9, NULL, true,
    N_("Contact radius of the flat punch (paper Fig 4a: 15 nm).") },
  { "force", N_("Force"), "N", "µN", FLX_PARAM_NUMBER, 4e-6, 0, 20e-6, NULL, false,
    N_("Load on the tip (paper: 4 µN gives an 8 nm contact for R = 25 nm).") },
  { "bias", N_("Bias"), "V", NULL, FLX_PARAM_NUMBER, 0, -10, 10, NULL, false,
    N_("Tip bias relative to the grounded bottom electrode.") },
  { "time", N_("Time"), "s", NULL, FLX_PARAM_NUMBER, 100, 1e-3, 1e5, NULL, true,
    N_("Physical time the tip dwells (or scans).") },
  { "scan_speed", N_("Scan speed"), "m/s", "nm/s", FLX_PARAM_NUMBER, 0, 0, 10e-6, NULL, false,
    N_("Speed of the back-and-forth scan along x over half the section; 0 keeps the tip static.") },
  { "thickness", N_("Film thickness"), "m", "nm", FLX_PARAM_NUMBER, 46.9e-9, 2e-9, 500e-9, NULL, false,
    N_("SrTiO3 film thickness (paper: 120 unit cells = 46.9 nm; 14 unit cells = 5.5 nm).") },
  { "diffusivity", N_("Diffusivity"), "m^2/s", "nm^2/s", FLX_PARAM_NUMBER, 1.23e-19, 1e-24, 1e-12, NULL, true,
    N_("Vacancy diffusivity (paper simulation: 1.23e-15 cm^2/s).") },
  { "f_eff", N_("Flexocoupling"), "V", NULL, FLX_PARAM_NUMBER, 1, -100, 100, NULL, false,
    N_("Effective flexocoupling of SrTiO3; 1 V gives about 0.06 C/m^2 under the tip at 4 µN "
    "(paper Fig 3a: 0.04 C/m^2).  A negative value flips the polarization.") },
  { "initial_state", N_("Initial state"), "", NULL, FLX_PARAM_CHOICE, 0, 0, 1, initials, false,
    N_("Uniform 3.66e14 cm^-3 (paper's simulation) or a doubled surface layer for x < 0 "
    "next to pristine film (the experiment).") },
  { "eps_r", N_("Permittivity"), "", NULL, FLX_PARAM_NUMBER, 300, 1, 30000, NULL, true,
    N_("Relative permittivity of the film (SrTiO3 at room temperature: about 300).") },
};

static const FlxScalarSpec scalars[] = {
  { "max_depletion", N_("Maximum depletion"), "", N_("Most negative change of the surface NVC.") },
  { "max_enrichment", N_("Maximum enrichment"), "", N_("Most positive change of the surface NVC.") },
  { "lateral_fraction", N_("Lateral fraction"), "", N_("Of the vacancies the tip's field starts to drive out of the surface layer under the contact, the share that moves sideways rather than into the bulk: what a scanning tip does on each pass (the paper: sharp tip about 1/3, blunt tip about 80 %).") },
  { "contact_radius_hertz", N_("Hertz contact radius"), "m", N_("Contact radius of the spherical tip.") },
  { "sigmoid_x0_voltage", N_("Sigmoid X0 (electrical)"), "V", N_("Boltzmann midpoint, electrical (Table 1).") },
  { "sigmoid_x0_force", N_("Sigmoid X0 (mechanical)"), "N", N_("Boltzmann midpoint, mechanical (Table 1).") },
  { "force_voltage_equivalence", N_("Force-voltage equivalence"), "V/N", N_("X0_el / X0_mech.") },
  { "onset_voltage", N_("Onset voltage"), "V", N_("Bias at 0.9 A1 of the electrical sigmoid.") },
  { "onset_force", N_("Onset force"), "N", N_("Force at 0.9 A1 of the mechanical sigmoid.") },
  { "mass_error", N_("Mass error"), "", N_("Relative change of the total number of vacancies.") },
  { "contact_radius", N_("Contact radius"), "m", N_("Contact radius used by the run (Hertz or punch).") },
  { "peak_pressure", N_("Peak pressure"), "Pa", N_("Hertz p0 for the sphere, mean pressure for the punch.") },
  { "max_polarization", N_("Maximum polarization"), "C/m^2", N_("Largest flexoelectric polarization in the section.") },
  { "surface_gain_ratio", N_("Surface gain/loss"), "", N_("Vacancies gained over vacancies lost in the surface layer.") },
  { "sim_x0_force", N_("Simulated X0 (force)"), "N", N_("Midpoint of the sigmoid fitted to the simulated NVC vs force.") },
  { "sim_m_force", N_("Simulated M (force)"), "N", N_("Width of the sigmoid fitted to the simulated NVC vs force.") },
  { "sim_x0_voltage", N_("Simulated X0 (bias)"), "V", N_("Midpoint of the sigmoid fitted to the simulated NVC vs bias.") },
  { "sim_m_voltage", N_("Simulated M (bias)"), "V", N_("Width of the sigmoid fitted to the simulated NVC vs bias.") },
  { "sim_equivalence", N_("Simulated equivalence"), "V/N", N_("Simulated X0 (bias) / X0 (force).") },
  { "recovery_diffusivity", N_("Fitted diffusivity"), "m^2/s", N_("D fitted to the simulated recovery S(t) with Fick's law.") },
  { "removed_lateral", N_("Share moved sideways"), "", N_("Of the vacancies that left the surface layer under a static tip, the share that moved sideways within the layer rather than into the bulk (net flows).") },
  { "gain_drop_ratio", N_("Gain/drop ratio"), "", N_("Maximum gain over maximum drop of the surface NVC (the paper's KPFM estimate; above 1 when a narrow drop feeds a taller rim).") },
};

static const FlxSeriesSpec series[] = {
  { "surface_nvc", N_("Surface NVC"), N_("x"), "m", N_("NVC"), "" },
  { "nvc_vs_force", N_("NVC vs force"), N_("Force"), "N", N_("NVC"), "" },
  { "nvc_vs_bias", N_("NVC vs bias"), N_("Bias"), "V", N_("NVC"), "" },
  { "sigmoid_electrical", N_("Boltzmann fit, electrical"), N_("Bias"), "V", N_("NVC"), "" },
  { "sigmoid_mechanical", N_("Boltzmann fit, mechanical"), N_("Force"), "N", N_("NVC"), "" },
  { "recovery", N_("Recovery S(t)"), N_("Time"), "s", N_("S"), "" },
  { "surface_nvc_change", N_("Surface NVC change"), N_("x"), "m", N_("ΔNVC"), "" },
  { "fit_force", N_("Sigmoid fitted to the simulation, mechanical"), N_("Force"), "N", N_("NVC"), "" },
  { "fit_bias", N_("Sigmoid fitted to the simulation, electrical"), N_("Bias"), "V", N_("NVC"), "" },
  { "recovery_simulated", N_("Recovery S(t), simulated"), N_("Time"), "s", N_("S"), "" },
};

static const FlxFieldSpec fields[] = {
  { "nvc_map", N_("Normalised vacancy concentration"), "", "x", "z", true },
  { "nvc_change_map", N_("NVC change"), "", "x", "z", true },
  { "potential_map", N_("Electric potential"), "V", "x", "z", true },
  { "efield_z_map", N_("Depolarisation field E_z (up +)"), "V/m", "x", "z", true },
  { "efield_x_map", N_("Depolarisation field E_x"), "V/m", "x", "z", true },
  { "polarization_z_map", N_("Flexoelectric polarization P_z (up +)"), "C/m^2", "x", "z", true },
};

static void
free_typed (void *extra)
{
  flx_vacancy_result_clear (extra);
  free (extra);
}

/* Section rows are depth rows (0 = surface); field rows run upward from y0. */
static FlxStatus
set_map (FlxResult *out, const char *name, const FlxVacancyResult *r, const double *src,
         double sign)
{
  double x0 = r->x0 + 0.5 * r->dx, x1 = r->x0 + (r->nx - 0.5) * r->dx;
  double y0 = -(r->nz - 0.5) * r->dz, y1 = -0.5 * r->dz;
  double *d = flx_result_alloc_field (out, name, r->nx, r->nz, x0, x1, y0, y1);
  if (d == NULL)
    return FLX_E_NOMEM;
  for (size_t j = 0; j < r->nz; j++)
    for (size_t i = 0; i < r->nx; i++)
      d[j * r->nx + i] = sign * src[(r->nz - 1 - j) * r->nx + i];
  return FLX_OK;
}

static FlxStatus
set_curve (FlxResult *out, const char *name, const double c[4], double xmax)
{
  enum { N = 201 };
  double x[N], y[N];
  for (int k = 0; k < N; k++)
    {
      x[k] = xmax * k / (N - 1);
      y[k] = flx_vacancy_sigmoid (c, x[k]);
    }
  return flx_result_set_series (out, name, x, y, N);
}

/* Validity (issue 9): eq 3 is linear Nernst-Planck, drift proportional to the field.
 * Hopping over a barrier gives a drift ~ sinh(x) with x = z e E d / (2 kT) and d the
 * hop length (O-O distance a / sqrt 2 = 0.276 nm in SrTiO3; Mott & Gurney 1940); past
 * x = 1 (the potential drop per hop comparable to kT) sinh(x)/x > 1.18 and the linear
 * drift is too slow.  E is the mean |E| in the film under the contact: the field at the
 * contact edge is singular, so its maximum grows with the grid, while the mean converges. */
static void
vacancy_warning (const FlxVacancyParams *p, const FlxVacancyResult *r, char *buf,
                 size_t len)
{
  double sum = 0;
  size_t n = 0;
  for (size_t i = 0; i < r->nx; i++)
    {
      double x = r->x0 + (i + 0.5) * r->dx - r->tip_x;
      if (fabs (x) > fmax (r->contact_radius, 0.5 * r->dx))
        continue;
      for (size_t j = 0; j < r->nz; j++, n++)
        sum += hypot (r->field_x[j * r->nx + i], r->field_z[j * r->nx + i]);
    }
  double e = n > 0 ? sum / n : 0;
  double x = p->charge * e * 0.276e-9 / (2 * 8.617333262e-5 * p->temperature);
  if (x > 1)
    snprintf (buf, len, "Field %.2g V/m under the tip drops %.1f kT per vacancy hop: beyond "
              "linear Nernst-Planck (activated hopping drifts %.2g times faster).", e, 2 * x,
              sinh (x) / x);
}

static FlxStatus
vacancy_run (const double *values, FlxQuality quality, FlxResult *out,
             FlxProgressFunc progress, void *user_data, char *errmsg, size_t errmsg_len)
{
  FlxVacancyParams p;
  flx_vacancy_params_init (&p);
  p.tip = (int) values[P_TIP] == 1 ? FLX_VACANCY_TIP_FLAT : FLX_VACANCY_TIP_SPHERICAL;
  p.tip_radius = values[P_TIP_RADIUS];
  p.contact_radius = values[P_CONTACT_RADIUS];
  p.force = values[P_FORCE];
  p.bias = values[P_BIAS];
  p.time = values[P_TIME];
  p.scan_speed = values[P_SCAN_SPEED];
  p.thickness = values[P_THICKNESS];
  p.diffusivity = values[P_DIFFUSIVITY];
  p.f_eff = values[P_F_EFF];
  p.initial = (int) values[P_INITIAL] == 1 ? FLX_VACANCY_INIT_ENRICHED
                                           : FLX_VACANCY_INIT_UNIFORM;
  p.eps_r = values[P_EPS_R];

  FlxVacancyResult *r = calloc (1, sizeof *r);
  if (r == NULL)
    return flx_set_error (errmsg, errmsg_len, FLX_E_NOMEM, "out of memory");
  FlxStatus st = flx_vacancy_run (&p, quality, r, progress, user_data, errmsg, errmsg_len);
  if (st != FLX_OK)
    {
      free (r);
      return st;
    }

  flx_result_set_scalar (out, "max_depletion", r->max_depletion);
  flx_result_set_scalar (out, "max_enrichment", r->max_enrichment);
  if (isfinite (r->lateral_fraction))
    flx_result_set_scalar (out, "lateral_fraction", r->lateral_fraction);
  if (isfinite (r->surface_gain_ratio))
    flx_result_set_scalar (out, "surface_gain_ratio", r->surface_gain_ratio);
  if (isfinite (r->removed_lateral))
    flx_result_set_scalar (out, "removed_lateral", r->removed_lateral);
  if (isfinite (r->gain_drop_ratio))
    flx_result_set_scalar (out, "gain_drop_ratio", r->gain_drop_ratio);
  flx_result_set_scalar (out, "contact_radius_hertz", r->contact_radius_hertz);
  flx_result_set_scalar (out, "contact_radius", r->contact_radius);
  flx_result_set_scalar (out, "peak_pressure", r->peak_pressure);
  flx_result_set_scalar (out, "max_polarization", r->max_polarization);
  flx_result_set_scalar (out, "mass_error", r->mass_error);

  double el[4], me[4];
  flx_vacancy_table1_electrical (el);
  flx_vacancy_table1_mechanical (me);
  flx_result_set_scalar (out, "sigmoid_x0_voltage", el[2]);
  flx_result_set_scalar (out, "sigmoid_x0_force", me[2]);
  flx_result_set_scalar (out, "force_voltage_equivalence", el[2] / me[2]);
  flx_result_set_scalar (out, "onset_voltage", flx_vacancy_sigmoid_onset (el, 0.9));
  flx_result_set_scalar (out, "onset_force", flx_vacancy_sigmoid_onset (me, 0.9));
  double fmax = p.sweep_force_max, vmax = p.sweep_bias_max;
  if (st == FLX_OK) st = set_curve (out, "sigmoid_electrical", el, vmax);
  if (st == FLX_OK) st = set_curve (out, "sigmoid_mechanical", me, fmax);

  if (r->n_sweep)
    {
      if (st == FLX_OK)
        st = flx_result_set_series (out, "nvc_vs_force", r->sweep_force, r->sweep_force_nvc,
                                    r->n_sweep);
      if (st == FLX_OK)
        st = flx_result_set_series (out, "nvc_vs_bias", r->sweep_bias, r->sweep_bias_nvc,
                                    r->n_sweep);
      if (r->fit_force_ok)
        {
          flx_result_set_scalar (out, "sim_x0_force", r->fit_force[2]);
          flx_result_set_scalar (out, "sim_m_force", r->fit_force[3]);
          if (st == FLX_OK) st = set_curve (out, "fit_force", r->fit_force, fmax);
        }
      if (r->fit_bias_ok)
        {
          flx_result_set_scalar (out, "sim_x0_voltage", r->fit_bias[2]);
          flx_result_set_scalar (out, "sim_m_voltage", r->fit_bias[3]);
          if (st == FLX_OK) st = set_curve (out, "fit_bias", r->fit_bias, vmax);
        }
      if (r->fit_force_ok && r->fit_bias_ok && r->fit_force[2] > 0 && r->fit_bias[2] > 0)
        flx_result_set_scalar (out, "sim_equivalence", r->fit_bias[2] / r->fit_force[2]);
    }
  if (r->n_recovery)
    {
      if (st == FLX_OK)
        st = flx_result_set_series (out, "recovery", r->recovery_t, r->recovery_s,
                                    r->n_recovery);
      if (st == FLX_OK)
        st = flx_result_set_series (out, "recovery_simulated", r->recovery_t,
                                    r->recovery_sim, r->n_recovery);
      if (isfinite (r->recovery_d_fit))
        flx_result_set_scalar (out, "recovery_diffusivity", r->recovery_d_fit);
    }
  if (st == FLX_OK)
    st = flx_result_set_series (out, "surface_nvc", r->surface_x, r->surface_nvc, r->nx);
  if (st == FLX_OK)
    st = flx_result_set_series (out, "surface_nvc_change", r->surface_x, r->surface_dnvc,
                                r->nx);
  if (st == FLX_OK) st = set_map (out, "nvc_map", r, r->nvc, 1.0);
  if (st == FLX_OK) st = set_map (out, "nvc_change_map", r, r->dnvc, 1.0);
  if (st == FLX_OK) st = set_map (out, "potential_map", r, r->potential, 1.0);
  if (st == FLX_OK) st = set_map (out, "efield_z_map", r, r->field_z, -1.0);
  if (st == FLX_OK) st = set_map (out, "efield_x_map", r, r->field_x, 1.0);
  if (st == FLX_OK) st = set_map (out, "polarization_z_map", r, r->pol_z, -1.0);
  if (st != FLX_OK)
    {
      free_typed (r);
      return flx_set_error (errmsg, errmsg_len, st, "out of memory");
    }
  /* The simulated sigmoids do not reproduce Table 1 (flx-vacancy.c, "What the model
   * gives"): say so next to them rather than let the fitted X0s pass for the paper's. */
  snprintf (out->note, sizeof out->note,
            "a = %.3g nm, %zu x %zu cells, %zu steps%s; NVC %s.%s%s",
            r->contact_radius * 1e9, r->nx, r->nz, r->steps_taken,
            p.scan_speed > 0 ? ", scanning" : "",
            p.initial == FLX_VACANCY_INIT_ENRICHED ? "0 pristine, 1 enriched"
                                                   : "relative to 3.66e14 cm^-3",
            p.bias != 0 && !(r->contact_radius > 0)
              ? " No contact at zero force: the bias does not reach the film." : "",
            !r->n_sweep ? ""
            : p.tip == FLX_VACANCY_TIP_FLAT
              ? " Simulated sweeps: under the flat punch the pressure, and with it the "
                "strain gradient, grows with force, so the force curve falls over a few µN "
                "as in Table 1; the bias acts at volts through the 1 nm air gap."
              : " Simulated sweeps: a Hertz tip's strain gradient does not grow with "
                "force (only its contact does), so the force curve falls within a fraction "
                "of a µN; a flat punch falls over a few µN, as in Table 1. The bias acts at "
                "volts through the 1 nm air gap.");
  vacancy_warning (&p, r, out->warning, sizeof out->warning);
  out->extra = r;
  out->free_extra = free_typed;
  return FLX_OK;
}

/* The sphere's radius sets its Hertz contact; the punch's contact is its own radius. */
static bool
vacancy_param_relevant (int index, const double *values)
{
  bool flat = (int) values[P_TIP] == 1;
  if (index == P_TIP_RADIUS)
    return !flat;
  if (index == P_CONTACT_RADIUS)
    return flat;
  return true;
}

const FlxModel flx_model_vacancy = {
  "vacancy", N_("Oxygen vacancies"),
  N_("A pressed or biased tip drains oxygen vacancies from under it (sharp tip) or sweeps "
  "them sideways (blunt tip) by flexoelectric drift."),
  "Kim et al., Controlled manipulation of oxygen vacancies using nanoscale "
  "flexoelectricity (seed 001)",
  params, FLX_N_ELEMENTS (params), scalars, FLX_N_ELEMENTS (scalars),
  series, FLX_N_ELEMENTS (series), fields, FLX_N_ELEMENTS (fields),
  vacancy_run,
  NULL,
  vacancy_param_relevant,
};
