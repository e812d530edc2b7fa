/* test-wo3.c: flexo-piezoelectricity at WO3 walls (issue 8) against the paper, closed
 * forms and synthetic data.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "The paper": Yun et al., Flexopiezoelectricity at ferroelastic domain walls in WO3 films
 * (seed 002).  Its inputs: d_eff ~6 pm/V, s ~4.1e-12 m^2/N, g ~1e6 1/m, chi ~5000,
 * f = -1.50 V; its outputs: theta ~30 V, mu ~ -6.6e-8 C/m, P ~13 uC/cm^2.
 */
#include <glib.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "flx-elastic.h"
#include "flx-model.h"
#include "flx-wo3.h"

#define EPS0 8.8541878128e-12

static void
run_ok (const FlxWo3Params *p, FlxQuality q, FlxWo3Result *r)
{
  char err[256] = "";
  FlxStatus st = flx_wo3_run (p, q, r, NULL, NULL, err, sizeof err);
  if (st != FLX_OK)
    g_error ("flx_wo3_run: %s", err);
}

/* ---- eq 2, eq 3 ------------------------------------------------------------------- */

static void
test_paper_coefficients (void)
{
  /* Paper, "Origin of flexopiezoelectricity": theta = 6e-12 / (4.1e-12 * 1e6 * 8.85e-12 *
   * 5000) = 33.06 V, quoted as "~30 V" (one significant figure: +-15 %). */
  double theta = flx_wo3_theta (6e-12, 4.1e-12, 1e6, 5000);
  g_assert_cmpfloat_with_epsilon (theta / (6e-12 / (4.1e-12 * 1e6 * EPS0 * 5000)), 1.0, 1e-14);
  g_assert_cmpfloat_with_epsilon (theta / 30.0, 1.0, 0.15);
  /* Paper, "Origin of flexoelectricity": mu = 5000 eps0 (-1.50 V) = -6.64e-8 C/m, quoted
   * "-6.6e-8" (two figures: +-1 %). */
  double mu = flx_wo3_flexo_coefficient (5000, -1.5);
  g_assert_cmpfloat_with_epsilon (mu / -6.6e-8, 1.0, 0.01);

  /* The model at its defaults (the paper's inputs; W = 15 nm gives g = 1.5 % / 15 nm =
   * 1e6 1/m exactly) reproduces both, and P = 2 |mu| g = 13.3 uC/cm^2 against the paper's
   * "~13 uC/cm^2" (two figures: 4 %); one shear term alone is half of that. */
  FlxWo3Params p;
  flx_wo3_params_init (&p);
  FlxWo3Result r = { 0 };
  run_ok (&p, FLX_QUALITY_FAST, &r);
  g_assert_cmpfloat_with_epsilon (r.max_strain_gradient / 1e6, 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (r.theta / theta, 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (r.flexo_coefficient / mu, 1.0, 1e-14);
  g_assert_cmpfloat_with_epsilon (r.polarization / 0.13, 1.0, 0.04);
  g_assert_cmpfloat_with_epsilon (r.polarization_single / r.polarization, 0.5, 1e-14);
  g_test_message ("theta = %.4g V, mu = %.4g C/m, P = %.4g uC/cm^2", r.theta,
                  r.flexo_coefficient, r.polarization * 100);
  flx_wo3_result_clear (&r);
}

/* ---- wall profile ----------------------------------------------------------------- */

static void
test_tanh_gradient (void)
{
  const double jump = 0.015, W = 20e-9;
  /* Central differences of the profile match the analytic gradient: O(h^2) with
   * h = W/1e4 gives ~1e-8 relative. */
  for (double s = -2 * W; s <= 2 * W; s += W / 7)
    {
      double h = W * 1e-4;
      double num = (flx_wo3_wall_strain (s + h, jump, W)
                    - flx_wo3_wall_strain (s - h, jump, W)) / (2 * h);
      g_assert_cmpfloat_with_epsilon (num / flx_wo3_wall_gradient (s, jump, W), 1.0, 1e-6);
    }
  /* Analytic maximum jump / W (= jump / (2 w), w = W/2 the tanh half-width): 7.5e5 1/m
   * for the paper's 20-nm STEM width, "about 1e6" in the paper. */
  g_assert_cmpfloat_with_epsilon (flx_wo3_wall_gradient (0, jump, W) / (jump / W), 1.0, 1e-15);
  /* The profile spans the jump: eps(+inf) - eps(-inf) = jump. */
  g_assert_cmpfloat_with_epsilon (flx_wo3_wall_strain (1, jump, W)
                                  - flx_wo3_wall_strain (-1, jump, W), jump, 1e-15);
  /* The run's gradient series peaks at jump / W (the grid passes through s = 0). */
  FlxWo3Params p;
  flx_wo3_params_init (&p);
  p.wall_width = W;
  FlxWo3Result r = { 0 };
  run_ok (&p, FLX_QUALITY_FULL, &r);
  double gmax = 0;
  for (size_t i = 0; i < r.gradient_profile.n; i++)
    gmax = fmax (gmax, r.gradient_profile.y[i]);
  g_assert_cmpfloat_with_epsilon (gmax / (jump / W), 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (r.max_strain_gradient / 7.5e5, 1.0, 1e-12);
  /* The 5-95 % extent: 2 atanh(0.9) W / 2 = 1.472 W. */
  g_assert_cmpfloat_with_epsilon (r.wall_extent / (1.4722 * W), 1.0, 1e-4);
  flx_wo3_result_clear (&r);
}

/* The Landau wall: e0 tanh(2x/W) minimizes int f(e) + G/2 e'^2 among tanh profiles at
 * W = 4 sqrt(G s), with energy (2/3) sqrt(G/s) e0^2.  Direct quadrature, 2e5 points. */
static double
wall_energy_numeric (double W, double G, double s, double e0)
{
  const size_t n = 200000;
  const double L = 40 * W, h = 2 * L / n;
  double sum = 0;
  for (size_t i = 0; i <= n; i++)
    {
      double x = -L + i * h;
      double e = e0 * tanh (2 * x / W);
      double c = cosh (2 * x / W);
      double de = isfinite (c) ? e0 * 2 / (W * c * c) : 0.0;
      double f = (e * e - e0 * e0) * (e * e - e0 * e0) / (8 * s * e0 * e0) + 0.5 * G * de * de;
      sum += (i == 0 || i == n ? 0.5 : 1.0) * f * h;
    }
  return sum;
}

static void
test_equilibrium_width (void)
{
  FlxWo3Params p;
  flx_wo3_params_init (&p);
  const double G = p.ginzburg, s = p.compliance, e0 = p.strain_jump / 2;
  double W = flx_wo3_equilibrium_width (G, s);
  double E1 = wall_energy_numeric (W, G, s, e0);
  g_assert_cmpfloat (wall_energy_numeric (0.95 * W, G, s, e0), >, E1);
  g_assert_cmpfloat (wall_energy_numeric (1.05 * W, G, s, e0), >, E1);
  FlxWo3Result r = { 0 };
  run_ok (&p, FLX_QUALITY_FAST, &r);
  g_assert_cmpfloat_with_epsilon (r.wall_energy / E1, 1.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (r.equilibrium_width / W, 1.0, 1e-15);
  /* The default G is chosen to give the 15-nm wall (stated in the table). */
  g_assert_cmpfloat_with_epsilon (W / 15e-9, 1.0, 0.01);
  /* Softer lattice, wider wall: W ~ sqrt(s). */
  g_assert_cmpfloat_with_epsilon (flx_wo3_equilibrium_width (G, 4 * s) / W, 2.0, 1e-12);
  flx_wo3_result_clear (&r);
}

/* ---- Kittel ----------------------------------------------------------------------- */

static void
test_kittel_exponent (void)
{
  FlxWo3Params p;
  flx_wo3_params_init (&p);
  FlxWo3Result r = { 0 };
  run_ok (&p, FLX_QUALITY_FAST, &r);
  size_t n = r.period_vs_thickness.n;
  double *lx = g_new (double, n), *ly = g_new (double, n);
  for (size_t i = 0; i < n; i++)
    {
      lx[i] = log (r.period_vs_thickness.x[i]);
      ly[i] = log (r.period_vs_thickness.y[i]);
    }
  double c0, c1, cov00, cov01, cov11, sumsq;
  gsl_fit_linear (lx, 1, ly, 1, n, &c0, &c1, &cov00, &cov01, &cov11, &sumsq);
  /* Paper (ref 25): w_m ~ t^0.6; the fit of our series recovers it to round-off. */
  g_assert_cmpfloat_with_epsilon (c1, 0.6, 1e-10);
  /* A (t / 100 nm)^0.6 at the 200-nm film: 150 nm x 2^0.6 = 227.4 nm. */
  g_assert_cmpfloat_with_epsilon (r.domain_period / (150e-9 * pow (2.0, 0.6)), 1.0, 1e-12);
  g_free (lx);
  g_free (ly);
  flx_wo3_result_clear (&r);
}

/* The same law read off the generated herringbone map: wall positions are the zero
 * crossings of eps_xx along the diagonal x = y (walls run along x = -y), their spacing
 * is w_m; a log-log fit over 50-400 nm films recovers the exponent. */
static void
test_kittel_from_map (void)
{
  const double t[] = { 50e-9, 100e-9, 200e-9, 400e-9 };
  double lx[4], ly[4];
  for (int k = 0; k < 4; k++)
    {
      FlxWo3Params p;
      flx_wo3_params_init (&p);
      p.thickness = t[k];
      p.map_n = 512;
      FlxWo3Result r = { 0 };
      run_ok (&p, FLX_QUALITY_FAST, &r);
      const FlxWo3Map *m = &r.strain_map;
      double first = NAN, last = NAN;
      int crossings = 0;
      for (size_t i = 0; i + 1 < m->nx; i++)
        {
          double e0 = m->data[i * m->nx + i], e1 = m->data[(i + 1) * m->nx + i + 1];
          if (e0 * e1 < 0)
            {
              /* s = sqrt(2) x along the diagonal; linear interpolation of the crossing */
              double x = m->x0 + ((double) i + e0 / (e0 - e1)) * m->dx;
              if (crossings == 0)
                first = x;
              last = x;
              crossings++;
            }
        }
      g_assert_cmpint (crossings, >=, 2);
      double period = M_SQRT2 * (last - first) / (crossings - 1);
      /* tanh is odd about each wall, so interpolated crossings are exact to O(dx^2). */
      g_assert_cmpfloat_with_epsilon (period / r.domain_period, 1.0, 2e-3);
      lx[k] = log (t[k]);
      ly[k] = log (period);
      flx_wo3_result_clear (&r);
    }
  double c0, c1, cov00, cov01, cov11, sumsq;
  gsl_fit_linear (lx, 1, ly, 1, 4, &c0, &c1, &cov00, &cov01, &cov11, &sumsq);
  g_test_message ("exponent from the maps: %.4f", c1);
  g_assert_cmpfloat_with_epsilon (c1, 0.6, 5e-3);
}

/* ---- angle-resolved lateral PFM --------------------------------------------------- */

static void
test_trig_fit (void)
{
  double phi[4], s[4];
  for (int k = 0; k < 4; k++)
    phi[k] = (45.0 + 90.0 * k) * M_PI / 180;
  /* Noise-free synthetic vectors at many directions come back exactly. */
  for (double alpha = -179; alpha < 180; alpha += 13)
    {
      double dx = 3e-12 * cos (alpha * M_PI / 180), dy = 3e-12 * sin (alpha * M_PI / 180);
      for (int k = 0; k < 4; k++)
        s[k] = -dx * sin (phi[k]) + dy * cos (phi[k]) + 1e-13; /* with an offset */
      double fx, fy, c;
      g_assert_cmpint (flx_wo3_trig_fit (phi, s, 4, &fx, &fy, &c), ==, FLX_OK);
      g_assert_cmpfloat_with_epsilon (fx / 3e-12, dx / 3e-12, 1e-12);
      g_assert_cmpfloat_with_epsilon (fy / 3e-12, dy / 3e-12, 1e-12);
      g_assert_cmpfloat_with_epsilon (c / 1e-13, 1.0, 1e-9);
    }
  /* Degenerate angles are refused. */
  double same[3] = { 1, 1, 1 };
  g_assert_cmpint (flx_wo3_trig_fit (same, s, 3, NULL, NULL, NULL), ==, FLX_E_PARAM);

  /* With 2 % noise the direction scatters by sigma / (|d| sqrt(N/2)) = 0.81 deg rms for
   * N = 4; 2000 seeded trials: rms within 10 % of that, far below the 2 deg. */
  gsl_rng *rng = gsl_rng_alloc (gsl_rng_mt19937);
  gsl_rng_set (rng, 3);
  double e2 = 0;
  const int trials = 2000;
  for (int t = 0; t < trials; t++)
    {
      double alpha = gsl_rng_uniform (rng) * 2 * M_PI;
      for (int k = 0; k < 4; k++)
        s[k] = -cos (alpha) * sin (phi[k]) + sin (alpha) * cos (phi[k])
               + gsl_ran_gaussian (rng, 0.02);
      double fx, fy;
      flx_wo3_trig_fit (phi, s, 4, &fx, &fy, NULL);
      double e = remainder (atan2 (fy, fx) - alpha, 2 * M_PI);
      e2 += e * e;
    }
  double rms = sqrt (e2 / trials) * 180 / M_PI;
  g_assert_cmpfloat_with_epsilon (rms / (0.02 / sqrt (2.0) * 180 / M_PI), 1.0, 0.1);
  gsl_rng_free (rng);
}

static void
test_pfm_maps (void)
{
  FlxWo3Params p;
  flx_wo3_params_init (&p);
  /* No noise: the fit recovers every wall pixel's direction to round-off. */
  p.noise = 0.0;
  FlxWo3Result r = { 0 };
  run_ok (&p, FLX_QUALITY_FAST, &r);
  g_assert_cmpuint (r.pfm_wall_pixels, >, 100);
  g_assert_cmpfloat (r.pfm_angle_error, <, 1e-8);
  flx_wo3_result_clear (&r);
  /* Low noise (the default 2 %): the issue asks for < 2 deg.  Expected 0.8 deg at the wall
   * centre rising to 1.6 deg where |d| = d_eff/2 (see flx-wo3.c). */
  for (unsigned na = 3; na <= 12; na += 3)
    {
      flx_wo3_params_init (&p);
      p.n_angles = na;
      run_ok (&p, FLX_QUALITY_FULL, &r);
      g_test_message ("%u angles: angle error %.3f deg over %zu pixels", na,
                      r.pfm_angle_error, r.pfm_wall_pixels);
      g_assert_cmpfloat (r.pfm_angle_error, <, 2.0);
      g_assert_cmpfloat (r.pfm_angle_error, >, 0.2);
      /* The brightest pixel's measured points lie on its fitted curve within the noise. */
      g_assert_cmpuint (r.pfm_vs_angle.n, ==, na);
      flx_wo3_result_clear (&r);
    }
  /* The four paper angles, 45 + 90 k. */
  flx_wo3_params_init (&p);
  run_ok (&p, FLX_QUALITY_FAST, &r);
  for (int k = 0; k < 4; k++)
    g_assert_cmpfloat (r.angles[k], ==, 45.0 + 90.0 * k);
  /* Walls alternate: the polarization along the wall has both signs (antiparallel at
   * neighbouring walls, paper Fig 2e / 4b); A and B domains both appear. */
  double pmin = 0, pmax = 0, dmin = 0, dmax = 0;
  for (size_t i = 0; i < r.pol_y.nx * r.pol_y.ny; i++)
    {
      pmin = fmin (pmin, r.pol_y.data[i]);
      pmax = fmax (pmax, r.pol_y.data[i]);
      dmin = fmin (dmin, r.domains.data[i]);
      dmax = fmax (dmax, r.domains.data[i]);
    }
  g_assert_cmpfloat (pmin, <, -0.5 * r.polarization * M_SQRT1_2);
  g_assert_cmpfloat (pmax, >, 0.5 * r.polarization * M_SQRT1_2);
  g_assert_cmpfloat (dmin, ==, -1.0);
  g_assert_cmpfloat (dmax, ==, 1.0);
  flx_wo3_result_clear (&r);
}

/* ---- tip friction vs Cerruti ------------------------------------------------------ */

typedef struct {
  double X, Y, a, q0, G, nu;
} Cerruti;

/* eps_xy at the surface point (X, Y) of the point force Q along +x at (x, y):
 * u_x = Q/(2 pi G) [(1 - nu)/rho + nu dx^2/rho^3], u_y = Q nu dx dy / (2 pi G rho^3)
 * (Johnson 1985 eq 3.86a, b at z = 0), hence
 * eps_xy = -Q dy [(1 - 2 nu) + 6 nu dx^2 / rho^2] / (4 pi G rho^3). */
static double
cerruti_kernel (const Cerruti *c, double x, double y)
{
  double dx = c->X - x, dy = c->Y - y, r2 = dx * dx + dy * dy, r = sqrt (r2);
  return -dy * ((1 - 2 * c->nu) + 6 * c->nu * dx * dx / r2) / (4 * M_PI * c->G * r2 * r);
}

/* Integral over the contact of q0 sqrt(1 - r^2/a^2) times the kernel, r = a sin t so the
 * edge is smooth: Gauss-Legendre in t, trapezoid (spectral for periodic) in angle. */
static double
cerruti_disc (const Cerruti *c)
{
  gsl_integration_glfixed_table *tab = gsl_integration_glfixed_table_alloc (96);
  const int nphi = 512;
  double sum = 0;
  for (size_t i = 0; i < 96; i++)
    {
      double t, w;
      gsl_integration_glfixed_point (0, M_PI / 2, i, &t, &w, tab);
      double r = c->a * sin (t), dr = c->a * cos (t), q = c->q0 * cos (t);
      double ring = 0;
      for (int k = 0; k < nphi; k++)
        {
          double ph = 2 * M_PI * k / nphi;
          ring += cerruti_kernel (c, r * cos (ph), r * sin (ph));
        }
      sum += w * q * r * dr * ring * 2 * M_PI / nphi;
    }
  gsl_integration_glfixed_table_free (tab);
  return sum;
}

static void
test_friction_cerruti (void)
{
  FlxWo3Params p;
  flx_wo3_params_init (&p);
  /* Cell 64 a = 480 nm (periodic images ~4 (rho/L)^3 < 0.15 % for rho <= 4.3 a) on
   * 1024^2: 16 samples per contact radius. */
  p.cell_size = 480e-9;
  p.shear_n = 1024;
  FlxWo3Result r = { 0 };
  run_ok (&p, FLX_QUALITY_FULL, &r);
  const double a = 7.5e-9;
  FlxElasticMaterial m;
  flx_elastic_material_from_young (&m, p.youngs_modulus, p.poisson);
  Cerruti c = { 0, 0, a, 3 * p.friction_force / (2 * M_PI * a * a), m.mu, p.poisson };
  g_assert_cmpfloat_with_epsilon (r.friction_traction_peak / c.q0, 1.0, 1e-12);
  const FlxWo3Map *s = &r.shear_surface;
  g_assert_cmpfloat_with_epsilon (s->x0 + (s->nx / 2) * s->dx, 0.0, 1e-18);
  /* Surface points beside, ahead of and behind the contact, off the grid axes through
   * its centre (grid points: dx = a/16).  The spectral solution of the sampled traction:
   * 0.1 % from the images, a few 1e-4 from the sampling; 0.5 %. */
  static const double pts[][2] = { { 1, 2 }, { 2, 1.5 }, { -1.5, 2.5 }, { 3, 3 },
                                   { 2, -2.5 }, { -3, -1 } };
  for (size_t k = 0; k < G_N_ELEMENTS (pts); k++)
    {
      c.X = pts[k][0] * a;
      c.Y = pts[k][1] * a;
      size_t i = (size_t) lround ((c.X - s->x0) / s->dx), j = (size_t) lround ((c.Y - s->y0) / s->dy);
      double grid = s->data[j * s->nx + i], exact = cerruti_disc (&c);
      g_test_message ("eps_xy(%g a, %g a): grid %.5e, Cerruti %.5e", pts[k][0], pts[k][1],
                      grid, exact);
      g_assert_cmpfloat_with_epsilon (grid / exact, 1.0, 5e-3);
    }
  /* On the axis x = 0 the square k-space cut-off of the sqrt contact edge rings along the
   * grid axis (Gibbs cross; absent for a smoother (1 - r^2/a^2)^1.5 traction, and halved by
   * halving dx): measured +2.6 % at 2 a here.  Checked at 4 %. */
  {
    c.X = 0;
    c.Y = 2 * a;
    size_t i = s->nx / 2, j = (size_t) lround ((c.Y - s->y0) / s->dy);
    double grid = s->data[j * s->nx + i], exact = cerruti_disc (&c);
    g_test_message ("eps_xy(0, 2 a): grid %.5e, Cerruti %.5e", grid, exact);
    g_assert_cmpfloat_with_epsilon (grid / exact, 1.0, 0.04);
  }
  /* Opposite signs on the two sides of the trail (paper, Fig 5a). */
  size_t ic = s->nx / 2, jp = (size_t) lround ((2 * a - s->y0) / s->dy),
         jm = (size_t) lround ((-2 * a - s->y0) / s->dy);
  g_assert_cmpfloat (s->data[jp * s->nx + ic] * s->data[jm * s->nx + ic], <, 0);
  /* Surface eps_xz under the contact centre is local: -q0 / (2 mu) (traction boundary
   * condition sigma_xz = -q, flx-elastic.h).  Last row of the section is the surface. */
  const FlxWo3Map *sec = &r.shear_section;
  double exz = sec->data[(sec->ny - 1) * sec->nx + sec->nx / 2];
  g_assert_cmpfloat_with_epsilon (exz / (-c.q0 / (2 * m.mu)), 1.0, 0.01);
  g_test_message ("max |eps_xy| = %.4g, max |eps_xz| = %.4g (paper FEM 0.025, twins 0.013)",
                  r.shear_strain_max, r.shear_strain_xz_max);
  /* The twins' spontaneous shear is jump/2 and the scan-direction projection peaks at
   * 45 deg (the wall diagonal) and vanishes along [100] (sin 2 phi). */
  g_assert_cmpfloat_with_epsilon (r.twin_shear_strain, 0.0075, 1e-15);
  g_assert_cmpfloat_with_epsilon (r.shear_to_twin_ratio * r.twin_shear_strain
                                  / r.shear_strain_max, 1.0, 1e-12);
  g_assert_cmpfloat (fabs (r.scan_selectivity.y[0]), <, 1e-12 * r.shear_strain_max);
  g_assert_cmpfloat_with_epsilon (r.scan_selectivity.y[45 / 2] / r.shear_strain_max,
                                  sin (2 * 44 * M_PI / 180), 1e-12);
  flx_wo3_result_clear (&r);
}

/* ---- registry, bad input, cancellation -------------------------------------------- */

static void
test_model_adaptor (void)
{
  const FlxModel *m = flx_model_find ("wo3");
  g_assert_nonnull (m->run);
  static const char *const params[] = { "wall_width", "strain_jump", "d_eff", "compliance",
    "chi", "flexovoltage", "thickness", "noise", "cantilever_angles" };
  static const char *const scalars[] = { "max_strain_gradient", "theta", "flexo_coefficient",
    "polarization", "domain_period", "pfm_angle_error", "shear_strain_max" };
  static const char *const series[] = { "strain_profile", "gradient_profile", "pfm_vs_angle" };
  for (size_t i = 0; i < G_N_ELEMENTS (params); i++)
    g_assert_cmpint (flx_model_find_param (m, params[i]), >=, 0);
  for (size_t i = 0; i < G_N_ELEMENTS (scalars); i++)
    g_assert_cmpint (flx_model_find_scalar (m, scalars[i]), >=, 0);
  for (size_t i = 0; i < G_N_ELEMENTS (series); i++)
    g_assert_cmpint (flx_model_find_series (m, series[i]), >=, 0);
  double *v = g_new (double, m->n_params);
  flx_model_defaults (m, v);
  char err[256] = "";
  for (int q = 0; q < 2; q++)
    {
      FlxResult *r = NULL;
      g_assert_cmpint (flx_model_run (m, v, q, &r, NULL, NULL, err, sizeof err), ==, FLX_OK);
      for (size_t i = 0; i < m->n_scalars; i++)
        if (!r->scalar_set[i])
          g_error ("scalar %s not set", m->scalars[i].name);
      for (size_t i = 0; i < m->n_series; i++)
        if (r->series[i].n < 2)
          g_error ("series %s empty", m->series[i].name);
      for (size_t i = 0; i < m->n_fields; i++)
        if (r->fields[i].data == NULL || r->fields[i].nx < 16 || r->fields[i].ny < 16)
          g_error ("field %s missing", m->fields[i].name);
      /* Surface shear is odd in y: eps_xy(x, -y) = -eps_xy(x, y). */
      const FlxField *f = flx_result_get_field (r, "shear_strain_map");
      size_t n = f->nx;
      for (size_t j = 1; j < n; j += 7)
        for (size_t i = 0; i < n; i += 5)
          g_assert_cmpfloat (fabs (f->data[j * n + i] + f->data[(n - j) * n + i]), <,
                             1e-9 + 1e-6 * fabs (f->data[j * n + i]));
      g_assert_cmpuint (strlen (r->note), >, 20);
      flx_result_free (r);
    }
  /* Three angles (3.4 from a slider rounds to 3): the fourth image is not produced. */
  v[flx_model_find_param (m, "cantilever_angles")] = 3.4;
  FlxResult *r = NULL;
  g_assert_cmpint (flx_model_run (m, v, FLX_QUALITY_FAST, &r, NULL, NULL, err, sizeof err), ==,
                   FLX_OK);
  g_assert_null (flx_result_get_field (r, "lateral_pfm_4"));
  g_assert_nonnull (flx_result_get_field (r, "lateral_pfm_3"));
  flx_result_free (r);
  g_free (v);
}

static void
test_bad_params (void)
{
  const FlxModel *m = flx_model_find ("wo3");
  double *v = g_new (double, m->n_params);
  char err[256] = "";
  FlxResult *r = NULL;
  static const struct { const char *name; double value; } bad[] = {
    { "wall_width", 0.0 }, { "wall_width", NAN }, { "chi", -1 }, { "strain_jump", -0.01 },
    { "cantilever_angles", 2 }, { "cantilever_angles", 12.6 }, { "noise", -0.1 },
    { "poisson", 0.6 }, { "thickness", INFINITY },
  };
  for (size_t k = 0; k < G_N_ELEMENTS (bad); k++)
    {
      flx_model_defaults (m, v);
      v[flx_model_find_param (m, bad[k].name)] = bad[k].value;
      err[0] = '\0';
      g_assert_cmpint (flx_model_run (m, v, FLX_QUALITY_FAST, &r, NULL, NULL, err, sizeof err),
                       ==, FLX_E_PARAM);
      g_assert_null (r);
      g_assert_nonnull (strstr (err, bad[k].name));
    }
  g_free (v);
  /* The typed API checks what the table cannot. */
  FlxWo3Params p;
  flx_wo3_params_init (&p);
  p.cell_size = 4 * p.contact_diameter;
  FlxWo3Result res = { 0 };
  g_assert_cmpint (flx_wo3_run (&p, FLX_QUALITY_FAST, &res, NULL, NULL, err, sizeof err), ==,
                   FLX_E_PARAM);
  flx_wo3_params_init (&p);
  p.shear_n = 63;
  g_assert_cmpint (flx_wo3_run (&p, FLX_QUALITY_FAST, &res, NULL, NULL, err, sizeof err), ==,
                   FLX_E_PARAM);
  flx_wo3_params_init (&p);
  p.n_angles = 13;
  g_assert_cmpint (flx_wo3_run (&p, FLX_QUALITY_FAST, &res, NULL, NULL, err, sizeof err), ==,
                   FLX_E_PARAM);
}

typedef struct {
  int calls, stop_at;
} Cancel;

static int
cancel_cb (double fraction, void *data)
{
  Cancel *c = data;
  (void) fraction;
  return ++c->calls >= c->stop_at;
}

static void
test_cancel (void)
{
  /* Stop at every checkpoint in turn: FLX_E_CANCELLED and a cleared result (ASan/LSan in
   * CI check that nothing leaks). */
  FlxWo3Params p;
  flx_wo3_params_init (&p);
  char err[256];
  int cancelled = 0;
  for (int stop = 1; stop < 200; stop++)
    {
      FlxWo3Result r = { 0 };
      Cancel c = { 0, stop };
      FlxStatus st = flx_wo3_run (&p, FLX_QUALITY_FULL, &r, cancel_cb, &c, err, sizeof err);
      if (st == FLX_OK)
        {
          flx_wo3_result_clear (&r);
          break;
        }
      g_assert_cmpint (st, ==, FLX_E_CANCELLED);
      g_assert_null (r.domains.data);
      g_assert_null (r.shear_surface.data);
      g_assert_null (r.strain_profile.x);
      cancelled++;
    }
  g_assert_cmpint (cancelled, >=, 5);
  const FlxModel *m = flx_model_find ("wo3");
  double *v = g_new (double, m->n_params);
  flx_model_defaults (m, v);
  FlxResult *res = NULL;
  Cancel c = { 0, 3 };
  g_assert_cmpint (flx_model_run (m, v, FLX_QUALITY_FULL, &res, cancel_cb, &c, err, sizeof err),
                   ==, FLX_E_CANCELLED);
  g_assert_null (res);
  g_free (v);
}

static gboolean
fields_differ (const FlxField *a, const FlxField *b)
{
  if ((a->data == NULL) != (b->data == NULL))
    return TRUE;
  if (a->data == NULL)
    return FALSE;
  if (a->nx != b->nx || a->ny != b->ny || a->x0 != b->x0 || a->x1 != b->x1
      || a->y0 != b->y0 || a->y1 != b->y1)
    return TRUE;
  return memcmp (a->data, b->data, sizeof (double) * a->nx * a->ny) != 0;
}

/* True when two results differ in any scalar, series point or field value or extent. */
static gboolean
results_differ (const FlxModel *m, const FlxResult *a, const FlxResult *b)
{
  for (size_t k = 0; k < m->n_scalars; k++)
    if (a->scalar_set[k] != b->scalar_set[k]
        || (a->scalar_set[k] && a->scalars[k] != b->scalars[k]))
      return TRUE;
  for (size_t k = 0; k < m->n_series; k++)
    {
      const FlxSeries *sa = &a->series[k], *sb = &b->series[k];
      if (sa->n != sb->n
          || (sa->n > 0 && (memcmp (sa->x, sb->x, sizeof (double) * sa->n) != 0
                            || memcmp (sa->y, sb->y, sizeof (double) * sa->n) != 0)))
        return TRUE;
    }
  for (size_t k = 0; k < m->n_fields; k++)
    if (fields_differ (&a->fields[k], &b->fields[k]))
      return TRUE;
  return FALSE;
}

/* The page hides what param_relevant calls irrelevant, so it must be exactly the inputs
 * that change the result, at the defaults and without a friction force (where Young's
 * modulus and Poisson's ratio have nothing to act on).  Each input is moved a quarter of
 * the way to the far end of its range. */
static void
test_param_relevant (void)
{
  const FlxModel *m = flx_model_find ("wo3");
  double *v = g_new (double, m->n_params);
  int fric = flx_model_find_param (m, "friction_force");
  char err[256];
  guint hidden = 0;

  g_assert_nonnull (m->param_relevant);
  for (int c = 0; c < 2; c++)
    {
      FlxResult *base = NULL;
      flx_model_defaults (m, v);
      if (c == 1)
        v[fric] = 0;
      g_assert_cmpint (flx_model_run (m, v, FLX_QUALITY_FAST, &base, NULL, NULL, err,
                                      sizeof err), ==, FLX_OK);
      for (size_t i = 0; i < m->n_params; i++)
        {
          const FlxParamSpec *ps = &m->params[i];
          double old = v[i];
          FlxResult *moved = NULL;
          gboolean changes;

          if ((int) i == fric && c == 1)
            continue; /* the condition itself */
          v[i] = old + 0.25 * ((ps->max - old > old - ps->min ? ps->max : ps->min) - old);
          g_assert_cmpint (flx_model_run (m, v, FLX_QUALITY_FAST, &moved, NULL, NULL, err,
                                          sizeof err), ==, FLX_OK);
          changes = results_differ (m, base, moved);
          v[i] = old;
          if (changes != flx_model_param_relevant (m, (int) i, v))
            g_error ("friction %g: %s changes the result: %d, called relevant: %d", v[fric],
                     ps->name, changes, !changes);
          hidden += !changes;
          flx_result_free (moved);
        }
      flx_result_free (base);
    }
  g_assert_cmpuint (hidden, ==, 2); /* E and nu without friction */
  g_free (v);
}

int
main (int argc, char *argv[])
{
  gsl_set_error_handler_off ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/wo3/paper-coefficients", test_paper_coefficients);
  g_test_add_func ("/wo3/tanh-gradient", test_tanh_gradient);
  g_test_add_func ("/wo3/equilibrium-width", test_equilibrium_width);
  g_test_add_func ("/wo3/kittel-exponent", test_kittel_exponent);
  g_test_add_func ("/wo3/kittel-from-map", test_kittel_from_map);
  g_test_add_func ("/wo3/trig-fit", test_trig_fit);
  g_test_add_func ("/wo3/pfm-maps", test_pfm_maps);
  g_test_add_func ("/wo3/friction-cerruti", test_friction_cerruti);
  g_test_add_func ("/wo3/model-adaptor", test_model_adaptor);
  g_test_add_func ("/wo3/bad-params", test_bad_params);
  g_test_add_func ("/wo3/cancel", test_cancel);
  g_test_add_func ("/wo3/param-relevant", test_param_relevant);
  int rc = g_test_run ();
  flx_elastic_cleanup ();
  return rc;
}
