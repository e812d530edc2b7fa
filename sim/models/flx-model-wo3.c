/* flx-model-wo3.c: registry table and run adaptor for flexo-piezoelectricity at WO3
 * ferroelastic walls (seed 002).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The physics is in sim/flx-wo3.c; this file maps the table's values (SI, table order) to
 * FlxWo3Params and the typed result to the generic FlxResult.  The typed FlxWo3Result is
 * also handed to the page as result->extra (free_extra frees it): it holds the wall
 * polarization vectors (pol_x, pol_y) for arrows and every PFM image.
 *
 * Maps are plan views (x along [001]YAO, y upward) except shear_section_map, whose rows
 * run up from depth = cell/4 (y0 = -depth) to the surface (y1 = 0).  domain_pattern codes
 * the variants A1 +1, A2 +0.6, B1 -0.6, B2 -1.  lateral_pfm_k is the image at cantilever
 * angle 45 + (k - 1) 360/N deg (45, 135, 225, 315 for the paper's N = 4; the pfm_vs_angle
 * series lists the angles); the shear maps are for a tip sliding along +x.
 */
#include "flx-models.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "../flx-wo3.h"

static const FlxParamSpec params[] = {
  { "wall_width", N_("Wall width"), "m", "nm", FLX_PARAM_NUMBER, 15e-9, 1e-9, 200e-9, NULL, false,
    /* xgettext:no-c-format */
    N_("Tangent width W of eps = jump/2 tanh(2x/W), so the gradient peaks at jump/W. "
       "15 nm joins the paper's 1.5% jump and 1e6 1/m; its 5-95% extent is 22 nm "
       "(paper: ~20 nm STEM, 26.5 nm XRD).") },
  { "strain_jump", N_("Strain jump"), "", NULL, FLX_PARAM_NUMBER, 0.015, 0, 0.1, NULL, false,
    N_("Change of eps_xx across the wall (paper: ~1.5%).") },
  { "d_eff", N_("Effective d"), "m/V", "pm/V", FLX_PARAM_NUMBER, 6e-12, 0, 100e-12, NULL, false,
    N_("Measured effective piezoelectric coefficient at the wall (paper: ~6 pm/V).") },
  { "compliance", N_("Compliance"), "m^2/N", NULL, FLX_PARAM_NUMBER, 4.1e-12, 1e-13, 1e-10, NULL, true,
    N_("Elastic compliance of WO3 (paper: 4.1e-12 m^2/N).") },
  { "chi", N_("Susceptibility"), "", NULL, FLX_PARAM_NUMBER, 5000, 1, 1e5, NULL, true,
    N_("Dielectric susceptibility (paper: 5000).") },
  { "flexovoltage", N_("Flexocoupling"), "V", NULL, FLX_PARAM_NUMBER, -1.5, -100, 100, NULL, false,
    N_("Flexocoupling coefficient f (paper: -1.5 V).") },
  { "thickness", N_("Film thickness"), "m", "nm", FLX_PARAM_NUMBER, 200e-9, 5e-9, 1e-6, NULL, true,
    N_("Film thickness for the quasi-Kittel domain period (paper: 200 nm PFM film).") },
  { "noise", N_("PFM noise"), "", NULL, FLX_PARAM_NUMBER, 0.02, 0, 1, NULL, false,
    N_("Gaussian noise added to the lateral PFM images, rms relative to d_eff (fixed seed).") },
  { "cantilever_angles", N_("Cantilever angles"), "", NULL, FLX_PARAM_NUMBER, 4, 3, 12, NULL, false,
    N_("Number of cantilever angles (rounded to a whole number), evenly spaced from 45 degrees "
       "(paper: 4, i.e. 45, 135, 225, 315).") },
  { "ginzburg", N_("Ginzburg coefficient"), "N", NULL, FLX_PARAM_NUMBER, 3.4e-6, 1e-9, 1e-3, NULL, true,
    N_("Gradient-energy coefficient G; equilibrium wall width 4 sqrt(G s). The paper gives "
       "no value: 3.4e-6 N makes it 15 nm.") },
  { "kittel_prefactor", N_("Kittel prefactor"), "m", "nm", FLX_PARAM_NUMBER, 150e-9, 10e-9, 10e-6, NULL, true,
    N_("Macro-domain width at 100 nm thickness, w = A (t/100 nm)^0.6 (gives ~440 nm at "
       "610 nm; paper Fig 1a: a few 100 nm).") },
  { "friction_force", N_("Friction force"), "N", "nN", FLX_PARAM_NUMBER, 40e-9, 0, 1e-6, NULL, false,
    N_("Tangential force of the sliding tip (paper: 0.4 x 100 nN = 40 nN).") },
  { "contact_diameter", N_("Contact diameter"), "m", "nm", FLX_PARAM_NUMBER, 15e-9, 2e-9, 100e-9, NULL, false,
    N_("Tip contact diameter (paper FEM: ~15 nm); the periodic elastic cell is 8 diameters "
       "(120 nm, the paper's box, at 15 nm).") },
  { "youngs_modulus", N_("Young's modulus"), "Pa", "GPa", FLX_PARAM_NUMBER, 1e11, 1e10, 5e11, NULL, true,
    N_("Isotropic Young's modulus of WO3 (paper FEM: ~1e11 Pa).") },
  { "poisson", N_("Poisson's ratio"), "", NULL, FLX_PARAM_NUMBER, 0.25, 0, 0.49, NULL, false,
    N_("Poisson's ratio (paper FEM: 0.25).") },
};

enum { P_W, P_JUMP, P_D, P_S, P_CHI, P_F, P_T, P_NOISE, P_ANGLES, P_G, P_KITTEL, P_FRIC,
       P_DIAM, P_E, P_NU };

static const FlxScalarSpec scalars[] = {
  { "max_strain_gradient", N_("Maximum strain gradient"), "1/m", N_("At the wall centre, jump / W.") },
  { "theta", N_("Flexopiezoelectric coefficient"), "V", N_("d_eff / (s g eps0 chi) (eq 2; paper ~30 V).") },
  { "flexo_coefficient", N_("Flexoelectric coefficient"), "C/m", N_("mu = chi eps0 f (paper -6.6e-8 C/m).") },
  { "polarization", N_("Wall polarization"), "C/m^2",
    N_("2 |mu| g: both shear terms eps_x'y', eps_y'x' of eq 3 (paper ~13 uC/cm^2).") },
  { "domain_period", N_("Domain period"), "m", N_("Quasi-Kittel macro-domain width: distance between macro walls.") },
  { "pfm_angle_error", N_("PFM angle error"), "deg",
    N_("RMS error of the fitted polarization direction over wall pixels (|d| >= d_eff/2).") },
  { "shear_strain_max", N_("Maximum shear strain"), "",
    N_("Max |eps_xy| (tensor) on the surface beside the sliding tip, 3D half-space.") },
  { "polarization_single_term", N_("Polarization, one term"), "C/m^2", N_("|mu| g: one shear term of eq 3.") },
  { "equilibrium_wall_width", N_("Equilibrium wall width"), "m",
    N_("Tangent width 4 sqrt(G s) from gradient vs elastic energy.") },
  { "wall_energy", N_("Wall energy"), "J/m^2", N_("(2/3) sqrt(G/s) (jump/2)^2.") },
  { "wall_extent", N_("Wall extent (5-95%)"), "m", N_("Visible width of the tanh profile, 1.47 W.") },
  { "fine_period", N_("Fine-stripe period"), "m", N_("Period of the fine A1/A2, B1/B2 stripes (w/6).") },
  { "pfm_amplitude_error", N_("PFM amplitude error"), "", N_("RMS relative amplitude error over wall pixels.") },
  { "shear_strain_xz_max", N_("Maximum shear eps_xz"), "", N_("Max |eps_xz| under the tip (surface: q0/(2 mu)).") },
  { "friction_traction_peak", N_("Peak friction traction"), "Pa", N_("q0 = 3F/(2 pi a^2) of the sliding contact.") },
  { "twin_shear_strain", N_("Twin shear strain"), "",
    N_("Spontaneous shear of a twin in the wall frame, jump/2 (paper: 0.013 from the a, b lattice parameters).") },
  { "shear_to_twin_ratio", N_("Tip shear / twin shear"), "",
    N_("Above ~1 the sliding tip can switch the variant (paper FEM: 0.025/0.013).") },
};

static const FlxSeriesSpec series[] = {
  { "strain_profile", N_("Strain across the wall"), N_("x"), "m", N_("eps_xx"), "" },
  { "gradient_profile", N_("Strain gradient across the wall"), N_("x"), "m", N_("Gradient"), "1/m" },
  { "pfm_vs_angle", N_("Lateral PFM vs cantilever angle (brightest wall pixel)"), N_("Angle"), "deg", N_("Signal"), "m/V" },
  { "pfm_fit", N_("Trigonometric fit at that pixel"), N_("Angle"), "deg", N_("Signal"), "m/V" },
  { "polarization_profile", N_("Wall polarization across the wall"), N_("x"), "m", N_("P along the wall"), "C/m^2" },
  { "period_vs_thickness", N_("Macro-domain width vs thickness (quasi-Kittel)"), N_("Thickness"), "m", N_("Width"), "m" },
  { "width_vs_ginzburg", N_("Equilibrium wall width vs Ginzburg coefficient"), N_("G"), "N", N_("Width"), "m" },
  { "scan_selectivity", N_("Tip shear acting on the twins vs scan direction"), N_("Scan angle from [100]"), "deg",
    N_("Projected shear"), "" },
};

static const FlxFieldSpec fields[] = {
  { "domain_pattern", N_("Domain variants (A > 0, B < 0)"), "", "x", "y", true,
    "polarization_x", "polarization_y" },
  { "shear_strain_map", N_("Surface shear eps_xy"), "", "x", "y", true },
  { "strain_map", N_("Strain eps_xx"), "", "x", "y", true },
  { "polarization_x", N_("Wall P, x component"), "C/m^2", "x", "y", true },
  { "polarization_y", N_("Wall P, y component"), "C/m^2", "x", "y", true },
  { "lateral_pfm_1", N_("Lateral PFM, angle 1"), "m/V", "x", "y", true },
  { "lateral_pfm_2", N_("Lateral PFM, angle 2"), "m/V", "x", "y", true },
  { "lateral_pfm_3", N_("Lateral PFM, angle 3"), "m/V", "x", "y", true },
  { "lateral_pfm_4", N_("Lateral PFM, angle 4"), "m/V", "x", "y", true },
  { "pfm_angle_map", N_("Fitted PFM direction"), "deg", "x", "y", true },
  { "pfm_amplitude_map", N_("Fitted PFM amplitude"), "m/V", "x", "y", false },
  { "shear_section_map", N_("Shear eps_xz, section"), "", "x", "z", true },
};

/* The elastic constants only shape the shear under a sliding tip: without a friction
 * force there is none.  (The contact diameter still sets the shear maps' cell.)
 * tests/sim/test-wo3.c checks this against what actually changes the result. */
static bool
wo3_param_relevant (int index, const double *v)
{
  if (index == P_E || index == P_NU)
    return v[P_FRIC] > 0;
  return true;
}

static void
free_typed (void *extra)
{
  flx_wo3_result_clear (extra);
  free (extra);
}

static FlxStatus
set_map (FlxResult *out, const char *name, const FlxWo3Map *m)
{
  if (m->data == NULL)
    return FLX_OK;
  double *d = flx_result_alloc_field (out, name, m->nx, m->ny, m->x0,
                                      m->x0 + (double) (m->nx - 1) * m->dx, m->y0,
                                      m->y0 + (double) (m->ny - 1) * m->dy);
  if (d == NULL)
    return FLX_E_NOMEM;
  for (size_t i = 0; i < m->nx * m->ny; i++)
    d[i] = m->data[i];
  return FLX_OK;
}

static FlxStatus
set_curve (FlxResult *out, const char *name, const FlxWo3Curve *c)
{
  return flx_result_set_series (out, name, c->x, c->y, c->n);
}

/* Validity (issue 9): the wall is a continuum tanh profile, meaningless when narrower
 * than a few unit cells (5 a, a = 0.38 nm pseudocubic WO3); the twins' strain
 * (jump / 2) above a few percent (3 %) leaves linear elasticity. */
static void
wo3_warning (const FlxWo3Params *p, char *buf, size_t len)
{
  const double cell = 0.38e-9;
  if (p->wall_width < 5 * cell)
    snprintf (buf, len, "Wall width %.2g nm is under five unit cells: the continuum strain "
              "gradient (and the polarization from it) is not reliable there.",
              p->wall_width * 1e9);
  else if (fabs (p->strain_jump) / 2 > 0.03)
    snprintf (buf, len, "Twin strain %.2g %% is beyond linear elasticity (a few percent).",
              50 * fabs (p->strain_jump));
}

static FlxStatus
wo3_run (const double *v, FlxQuality quality, FlxResult *out, FlxProgressFunc progress,
         void *user_data, char *errmsg, size_t errmsg_len)
{
  FlxWo3Params p;
  flx_wo3_params_init (&p);
  p.wall_width = v[P_W];
  p.strain_jump = v[P_JUMP];
  p.d_eff = v[P_D];
  p.compliance = v[P_S];
  p.chi = v[P_CHI];
  p.flexovoltage = v[P_F];
  p.thickness = v[P_T];
  p.noise = v[P_NOISE];
  /* The GUI slider moves in fractional steps; the count is the nearest whole number. */
  p.n_angles = (unsigned) lround (v[P_ANGLES]);
  p.ginzburg = v[P_G];
  p.kittel_prefactor = v[P_KITTEL];
  p.friction_force = v[P_FRIC];
  p.contact_diameter = v[P_DIAM];
  p.cell_size = 8.0 * p.contact_diameter;
  p.youngs_modulus = v[P_E];
  p.poisson = v[P_NU];

  FlxWo3Result *r = calloc (1, sizeof *r);
  if (r == NULL)
    return flx_set_error (errmsg, errmsg_len, FLX_E_NOMEM, "out of memory");
  FlxStatus st = flx_wo3_run (&p, quality, r, progress, user_data, errmsg, errmsg_len);
  if (st != FLX_OK)
    {
      free_typed (r);
      return st;
    }

  flx_result_set_scalar (out, "max_strain_gradient", r->max_strain_gradient);
  if (isfinite (r->theta))
    flx_result_set_scalar (out, "theta", r->theta);
  flx_result_set_scalar (out, "flexo_coefficient", r->flexo_coefficient);
  flx_result_set_scalar (out, "polarization", r->polarization);
  flx_result_set_scalar (out, "polarization_single_term", r->polarization_single);
  flx_result_set_scalar (out, "domain_period", r->domain_period);
  flx_result_set_scalar (out, "fine_period", r->fine_period);
  if (isfinite (r->pfm_angle_error))
    {
      flx_result_set_scalar (out, "pfm_angle_error", r->pfm_angle_error);
      flx_result_set_scalar (out, "pfm_amplitude_error", r->pfm_amplitude_error);
    }
  flx_result_set_scalar (out, "shear_strain_max", r->shear_strain_max);
  flx_result_set_scalar (out, "shear_strain_xz_max", r->shear_strain_xz_max);
  flx_result_set_scalar (out, "friction_traction_peak", r->friction_traction_peak);
  flx_result_set_scalar (out, "twin_shear_strain", r->twin_shear_strain);
  if (isfinite (r->shear_to_twin_ratio))
    flx_result_set_scalar (out, "shear_to_twin_ratio", r->shear_to_twin_ratio);
  flx_result_set_scalar (out, "equilibrium_wall_width", r->equilibrium_width);
  flx_result_set_scalar (out, "wall_energy", r->wall_energy);
  flx_result_set_scalar (out, "wall_extent", r->wall_extent);

  static const char *const pfm_names[4] = { "lateral_pfm_1", "lateral_pfm_2",
                                            "lateral_pfm_3", "lateral_pfm_4" };
  if ((st = set_curve (out, "strain_profile", &r->strain_profile))
      || (st = set_curve (out, "gradient_profile", &r->gradient_profile))
      || (st = set_curve (out, "polarization_profile", &r->polarization_profile))
      || (st = set_curve (out, "pfm_vs_angle", &r->pfm_vs_angle))
      || (st = set_curve (out, "pfm_fit", &r->pfm_fit))
      || (st = set_curve (out, "period_vs_thickness", &r->period_vs_thickness))
      || (st = set_curve (out, "width_vs_ginzburg", &r->width_vs_ginzburg))
      || (st = set_curve (out, "scan_selectivity", &r->scan_selectivity))
      || (st = set_map (out, "domain_pattern", &r->domains))
      || (st = set_map (out, "shear_strain_map", &r->shear_surface))
      || (st = set_map (out, "strain_map", &r->strain_map))
      || (st = set_map (out, "polarization_x", &r->pol_x))
      || (st = set_map (out, "polarization_y", &r->pol_y))
      || (st = set_map (out, "pfm_angle_map", &r->pfm_angle))
      || (st = set_map (out, "pfm_amplitude_map", &r->pfm_amplitude))
      || (st = set_map (out, "shear_section_map", &r->shear_section)))
    goto fail;
  for (unsigned k = 0; k < 4 && k < r->n_angles; k++)
    if ((st = set_map (out, pfm_names[k], &r->pfm[k])))
      goto fail;

  {
    size_t n = 0, cap = sizeof out->note;
    int k;
    if (isfinite (r->theta))
      k = snprintf (out->note, cap, "Wall gradient %.3g 1/m gives theta = %.3g V and "
                    "P = 2|mu|g = %.3g uC/cm^2", r->max_strain_gradient, r->theta,
                    r->polarization * 100.0);
    else
      k = snprintf (out->note, cap, "No strain jump, no gradient: the wall is not polar");
    n = k > 0 ? (size_t) k : 0;
    if (n < cap && isfinite (r->pfm_angle_error))
      {
        k = snprintf (out->note + n, cap - n, "; the PFM fit recovers the wall direction to "
                      "%.2g deg", r->pfm_angle_error);
        n += k > 0 ? (size_t) k : 0;
      }
    if (n < cap && r->shear_strain_max > 0 && isfinite (r->shear_to_twin_ratio))
      snprintf (out->note + n, cap - n, "; the sliding tip's surface shear %.2g (3D "
                "half-space) flips sign across the trail, %.2g times the twins' own shear "
                "(paper's 2D FEM: 1.9), strongest for scans along the wall diagonals.",
                r->shear_strain_max, r->shear_to_twin_ratio);
    else if (n < cap && r->shear_strain_max > 0)
      snprintf (out->note + n, cap - n, "; the sliding tip's surface shear %.2g (3D "
                "half-space) flips sign across the trail.", r->shear_strain_max);
    else if (n < cap)
      snprintf (out->note + n, cap - n, ".");
  }

  wo3_warning (&p, out->warning, sizeof out->warning);
  out->extra = r;
  out->free_extra = free_typed;
  return FLX_OK;

fail:
  free_typed (r);
  return flx_set_error (errmsg, errmsg_len, st, "out of memory storing the wo3 result");
}

const FlxModel flx_model_wo3 = {
  "wo3", N_("WO3 domain walls"),
  N_("Wide ferroelastic walls in WO3 carry large strain gradients that make a "
  "centrosymmetric crystal piezoelectric."),
  "Yun et al., Flexopiezoelectricity at ferroelastic domain walls in WO3 films (seed 002)",
  params, FLX_N_ELEMENTS (params), scalars, FLX_N_ELEMENTS (scalars),
  series, FLX_N_ELEMENTS (series), fields, FLX_N_ELEMENTS (fields),
  wo3_run,
  NULL,
  wo3_param_relevant,
};
