/* flx-lsmo.c: electro-thermal metal-to-insulator switching in LSMO.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Source: the seed paper 004 (LSMO transverse insulating barrier, N-type NDR), Supporting
 * Information 5 (eqs 5.1-5.8) and 6 (eqs 6.1-6.3, Fig S6).
 *
 * SI5, analytic barrier.  A barrier of width d in the middle of a channel of length L,
 * width w, thickness t; heat balance of the barrier (eq 5.1)
 *     V^2 R_I / (R_M + R_I)^2 = k_s (T_I - T_0) + 2 k_f (T_I - T_M),
 * with R_I = rho_I d/(t w), R_M = rho_M (L - d)/(t w), k_s = kappa_s d w, k_f = kappa_f t w
 * (eq 5.2), is the cubic (eq 5.3) A x^3 + B x^2 + C x + D = 0 in x = d/L with (eq 5.4)
 *     A = kappa_s a^2,  B = 2 kappa_s a + 2 kappa_f a^2 (t/L) r,
 *     C = kappa_s + 4 kappa_f a (t/L) r - (a + 1) t V^2 / (rho_M (T_I - T_0) L^2),
 *     D = 2 kappa_f (t/L) r,   r = (T_I - T_M)/(T_I - T_0),  a = (rho_I - rho_M)/rho_M.
 * As SI5 we take T_I = T_c, T_M = T_0 (r = 1).  The approximations are eq 5.7
 *     d_c = L / sqrt (a (a + kappa_s L/(kappa_f t)))
 * and eq 5.8
 *     V_th = sqrt (kappa_f L rho_M (T_c - T_0)/(a + 1)
 *                  * (kappa_s L/(kappa_f t) + 4 (a + sqrt (a^2 + a kappa_s L/(kappa_f t))))).
 * The exact threshold of the cubic is where it first touches zero at x > 0: f = f' = 0.
 * Eliminating C gives 2 A x^3 + B x^2 - D = 0, solved by a monotone Newton iteration; its
 * coefficients change sign once (+, +, 0, -) so by Descartes it has exactly one positive
 * root, the physical x_c, and then C = -(3 A x_c^2 + 2 B x_c) gives V_th.  Above V_th
 * the cubic has two positive roots: the smaller is the unstable nucleus, the larger the
 * stable barrier (f < 0 between them: more Joule heat than loss, the barrier grows).
 * Units: the paper prints rho_M = 2e-6 Ohm cm, but its d_c = 2.2 µm and V_th = 15.4 V
 * follow only with rho_M = 2e-6 Ohm m (Ohm cm gives 1.54 V), so 2e-6 Ohm m is the default.
 *
 * SI6, resistor network.  An ny x nx grid of 4-resistor nodes; node n has four resistors
 * of R_n = s_n R(T_n) from its centre to its four sides, so neighbours are joined by
 * R_a + R_b and the end columns reach the electrodes through R_a.  Eqs 6.1-6.2:
 *     R(T) = R0 e^alpha / m + (m - 1)/m R0 e^alpha / (1 + e^(-lambda (T - T_c))),
 *     alpha = 0.012 min (T, 400 K),  R0 = 18.5 Ohm, m = 3, T_c = 340 K.
 * Eq 6.3 per node:
 *     C_V dT_n/dt = P_n - k_h (5 T_n - T_sub - sum of the 4 neighbours' T),
 * C_V = 2.0, k_h = 0.4.  Assumptions where SI6 is silent:
 *  - P_n ("V_ij^2 / R_ij") is the Joule power of node n's own resistors, sum I_l^2 R_n
 *    over its links, so the nodes' powers add up exactly to V I;
 *  - a missing neighbour beyond an electrode is at T_sub (the electrodes are heat
 *    sinks, main text on Fig 4d); the long (lateral) edges are adiabatic;
 *  - the substrate term is per node area: on a grid other than 50 x 100 it is scaled by
 *    5000 / (nx ny), so a coarse (FAST) grid models the same device (same total
 *    substrate conductance; for square cells the same R_net and lateral conductance).
 *    On SI6's grid this is eq 6.3 exactly;
 *  - the cap of eq 6.2 is rounded over 1 K (see flx_lsmo_resistance) for Newton.
 * Units: with R0 in Ohm and k_h in W/K the network switches at kilovolts and tens of
 * amperes (at 100 K the current peaks at 27 A, 5.8 kV), not at the experiment's tens of
 * volts: k_h ~ kappa_s L w / 5000 ~ 5e-6 W/K would give those.  Voltages and currents
 * scale as sqrt (k_h), temperatures not at all, so k_h (a parameter) only rescales axes.
 * Equal lateral and substrate couplings in eq 6.3 give a thermal healing length of one
 * node: the interior is flat and only ~2 columns by each electrode are cooler.
 *
 * Method.  A steady state solves E(x, T) = K(T) x - f = 0 (Kirchhoff) and
 * F(x, T) = H T - b - P(x, T) = 0 (heat).  For given T the potentials come from the
 * conductance Laplacian K (SPD once the Dirichlet electrode is eliminated; in current
 * mode the left electrode is one more unknown fed with the set current, which is exact
 * current control, and it is SPD with the right electrode grounded), factorised with
 * CHOLMOD: the fill-reducing analysis is done once per grid and only the numeric
 * factorisation is repeated, and only when T changed.  The heat residual is driven to
 * zero by Newton's method on T with x eliminated (Jacobian H - dP/dT - dP/dx K^-1 dE/dT,
 * applied matrix-free: one K solve per product), solved by GMRES right-preconditioned
 * with the constant thermal matrix H (factorised once).  Newton alone follows a branch,
 * including the NDR branch, which is stable under voltage control.  When a branch ends
 * (a switching jump, or the barrier gaining a column) a Newton step fails to reduce the
 * residual or moves a node by more than 80 K, and we restart from the last steady state
 * with pseudo-transient continuation: linearly implicit Euler in the time of eq 6.3
 * (C_V / dt added to the Jacobian), which follows the physical transient to the new
 * stable state and turns into Newton as dt grows.  dt is controlled by how well the
 * linearisation predicted the new residual (a step it did not predict is rejected even
 * if |F| fell, see steady_state), with a trust region of 20 K per step inside
 * the band where R(T) is nonlinear.  Each bias point starts from the previous steady
 * state (continuation; a secant predictor cost more factorisations than it saved).
 * Convergence: every node's |F_n| / H_nn below tol (1e-7 K).  A point fails with
 * FLX_E_DIVERGED after max_iter iterations, on NaN or a non-positive-definite K.
 * For a mirror-symmetric device (no disorder) T is kept mirror-symmetric, see
 * symmetrize() and "Symmetry" below.  Current control: the metallic branch ends at the
 * voltage-controlled current maximum, and the switch is a front that crosses the whole
 * channel (Fig 3, "the entire device switches"), ~800 iterations on 100 columns; the
 * temperatures it
 * then reaches (thousands of K at 30 A) are what eq 6.3 gives with nothing to limit them.
 * The network R(T) of Fig S6b is one solve: with a single T_c every node's resistance is
 * s_n R(T), so R_net(T) = R(T) R_net(T_0) / R(T_0) exactly (with disorder: a solve per T).
 *
 * Symmetry.  Without disorder the device (and the constriction) is symmetric under the
 * mirrors x -> L - x and y -> w - y, and so is every steady state we follow (above).
 * Along an even side we solve only half the grid, the top-left quarter of 50 x 100:
 * the same equations in exact arithmetic, ~8x cheaper factorisations on 50 x 100.
 *  - y: the mirror line runs between two rows of equal T and potential: no current and
 *    no heat crosses it, like the adiabatic long edges.
 *  - x: T is symmetric and the potential antisymmetric about V/2, phi (L - x) = V -
 *    phi (x), the electrodes being at V and 0.  The solved potentials are psi = phi - V/2,
 *    the left electrode at V/2 (or fed I / fold_y under current control), and the link
 *    of column nx/2 - 1 to its mirror image (R_n + R_n, from psi to -psi) carries psi / R_n:
 *    a link of R_n to 0 V, exactly like the right electrode's, but no heat sink.
 *  - every solved node stands for fold_x fold_y nodes: currents, heat and norms scale by
 *    constants (the Newton and pseudo-time tests use ratios, GMRES relative residuals),
 *    so the iteration is the full grid's; results agree with it to ~1e-9.
 * An odd side is not folded and symmetrize() keeps it symmetric; FAST uses even sides.
 *
 * Barrier.  A column counts as insulating when its coolest node is above its T_c (a
 * barrier must span the width to block the current); the barrier width is that length
 * as a fraction of L, interpolated linearly between column centres.
 *
 * lambda.  Printed "1 2 x 10-4": digits lost.  We ran the voltage sweep for
 * lambda = 1.2e-4, 0.012, 0.05, 0.12, 0.3, 1.2 1/K at T_sub = 60, 100, 200, 300, 330 K
 * (25 x 50 grid, 150 points; NDR = a current maximum followed by a fall > 0.1 %):
 *     lambda      60   100  200  300  330 K
 *     1.2e-4      yes  yes  yes  no   no    R(T) is then just 2/3 R0 e^alpha: no T_c
 *     0.012       yes  yes  yes  no   no
 *     0.05        yes  yes  yes  no   no
 *     0.12        yes  yes  yes  yes  no    current falls 5.67 -> 4.85 A at 300 K
 *     0.3         yes  yes  yes  yes  no
 *     1.2         yes  yes  yes  yes  yes   wrong: NDR at 330 K
 * Fig S6c has NDR "below 300 K" among curves up to 300 K and none at 330 K, so
 * 0.1 <~ lambda <~ 0.35 (a uniform film has NDR where d ln R/dT > 1/(T - T_sub); at
 * 330 K this needs lambda/4 + 0.012 > 0.1 near T_c, i.e. lambda > ~0.35).  We take
 * 0.12 = 1.2e-1, the printed digits "1 2" with the exponent garbled; the transition
 * is then ~30 K wide (4/lambda), as the LSMO R(T) of Fig 1a.  On the 50 x 100 grid
 * with 0.12: current maximum at 4.6, 5.8, 10.4, 9.1 kV for 60, 100, 200, 300 K, none
 * at 330 K; the barrier nucleates at the centre (one column pair) and widens with
 * voltage in column steps (lattice pinning); under current control the whole channel
 * switches abruptly at the voltage-controlled current maximum (27.4 A at 100 K).
 */
#include "flx-lsmo.h"

#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gsl/gsl_poly.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include <cholmod.h>

#define LINK_LEFT   (-1) /* the left electrode (bias) */
#define LINK_GROUND (-2) /* the right electrode (0 V) */
#define GMRES_M     40   /* Krylov vectors per restart */
#define GMRES_RESTARTS 3
#define FLX_LSMO_DT_MAX 20.0  /* K, largest change of a node in one pseudo-time step */
#define FLX_LSMO_CAP_WIDTH 1.0 /* K, rounding of the cap of eq 6.2 */
#define FLX_LSMO_REFERENCE_NODES 5000.0 /* SI6's 50 x 100 grid */

struct _FlxLsmoNetwork {
  FlxLsmoParams p;
  /* The grid that is solved: the device's grid, or the quarter (half) of it that the
   * mirror symmetry leaves, see "Symmetry" at the top.  Everything below is on it except
   * the fields marked "full". */
  size_t nx, ny, N;  /* N nodes */
  size_t nk;         /* unknown potentials: N, plus the left electrode in current mode */
  size_t nx_full, ny_full, N_full; /* full: the device's grid (p->nx, p->ny) */
  int    fold_x, fold_y; /* 2 when the grid is halved along x (y) by the mirror, else 1 */
  double i_feed;     /* A, current fed into the solved grid (bias / fold_y), current mode */
  double *T_full, *x_full;  /* full: the state expanded to the device's grid */
  double *tc_full, *rs_full;/* full: local T_c and resistance scale */
  double *cm;        /* full: nx_full scratch for the barrier */
  size_t nl;         /* links */
  int   *la, *lb;    /* link ends: a node, and a node, LINK_LEFT or LINK_GROUND */
  int   *lbu;        /* unknown index of b, or -1 when b's potential is fixed */
  long  *koff;       /* position of the link's off-diagonal entry in K->x, or -1 */
  long  *kdiag;      /* position of each unknown's diagonal entry in K->x */
  double *hdiag;     /* H_nn, W/K */
  double *hb;        /* b_n = k_h T_sub (1 + electrode neighbours), W */
  int   *nel;        /* electrode neighbours of each node (0 or 1; 2 when nx == 1) */
  double ksub_scale; /* substrate conductance per node / k_h */
  bool   symmetric;  /* no disorder: keep T mirror-symmetric (see symmetrize) */
  double t_linear;   /* K, above it R(T) is constant to ~1e-4 */
  int  (*poll) (void *ctx); /* set by flx_lsmo_run: nonzero to cancel a long transient */
  void  *poll_ctx;

  cholmod_common cc;
  cholmod_sparse *K, *H;
  cholmod_factor *LK, *LH;
  cholmod_dense  *kb, *kx, *ky, *ke; /* cholmod_solve2 workspace for K */
  cholmod_dense  *hbv, *hx, *hy, *he; /* and for H */
  cholmod_dense  *kp;     /* K's solve in its own (permuted) order */
  int            *perm;   /* K's fill-reducing order: row k of the factor is unknown perm[k] */

  double *tc, *rs;        /* local T_c (K) and resistance scale */
  double *T, *x;          /* state: temperatures (N), potentials (nk) */
  double  bias;           /* V or A, of the device */
  double  V;              /* left electrode potential on the solved grid: with fold_x 2
                           * it is measured from the mid-plane's V/2, so it is V/2 */
  double *R, *dR;         /* per node */
  double *g, *dlt;        /* per link: conductance and potential difference a - b */
  double *P, *F;          /* per node: Joule power, heat residual */
  double  rnorm;          /* max |F_n| / H_nn, K */
  double  fnorm;          /* 2-norm of F, W */

  /* Newton / GMRES work */
  double *T0, *Tprev, *Fold, *dT, *rhs, *w, *z, *dx, *dP;
  double *Vk;             /* (GMRES_M + 1) N */
  double *Hh;             /* (GMRES_M + 1) GMRES_M */
  double  cs[GMRES_M], sn[GMRES_M], gg[GMRES_M + 1], yy[GMRES_M];
  double  shift;          /* C_V / dt of pseudo-transient continuation, 0 for Newton */
  bool    k_valid;            /* LK factorises K(Tfac) */
  double *Tfac;
};

/* ---- parameters ---------------------------------------------------------------------- */

void
flx_lsmo_params_init (FlxLsmoParams *p)
{
  memset (p, 0, sizeof *p);
  p->mode = FLX_LSMO_VOLTAGE;
  p->t_substrate = 100.0;
  p->v_max = 10e3;  /* SI6 units: the current peaks near 5.8 kV at 100 K */
  p->i_max = 35.0;  /* and switches near 27 A */
  p->steps = 120;
  p->nx = 100;
  p->ny = 50;
  p->lambda = FLX_LSMO_LAMBDA_DEFAULT;
  p->r0 = 18.5;
  p->m = 3.0;
  p->alpha_slope = 0.012;
  p->t_alpha_cap = 400.0;
  p->c_v = 2.0;
  p->k_h = 0.4;
  p->disorder = 0.0;
  p->seed = 1;
  p->constriction = 0.0;
  p->t_c = 340.0;
  p->rho_m = 2e-6;
  p->alpha_ratio = 20.0;
  p->length = 100e-6;
  p->thickness = 20e-9;
  p->kappa_s = 5e6;
  p->kappa_f = 3e8;
  p->tol = 1e-7;
  p->max_iter = 2000; /* a current-controlled switch of 100 columns takes ~800 */
  p->store_frames = true;
}

#define CHECK(cond, ...) \
  do { if (!(cond)) return flx_set_error (errmsg, errmsg_len, FLX_E_PARAM, __VA_ARGS__); } while (0)

FlxStatus
flx_lsmo_params_check (const FlxLsmoParams *p, char *errmsg, size_t errmsg_len)
{
  CHECK (p != NULL, "no parameters");
  CHECK (p->mode == FLX_LSMO_VOLTAGE || p->mode == FLX_LSMO_CURRENT, "mode must be voltage or current");
  CHECK (isfinite (p->t_substrate) && p->t_substrate > 0, "t_substrate must be positive");
  CHECK (isfinite (p->v_max) && p->v_max > 0, "v_max must be positive");
  CHECK (isfinite (p->i_max) && p->i_max > 0, "i_max must be positive");
  CHECK (p->steps >= 2 && p->steps <= 100000, "steps must be in [2, 100000]");
  CHECK (p->nx >= 2 && p->ny >= 1 && p->nx <= 4000 && p->ny <= 4000
         && p->nx * p->ny <= 4000000, "grid must be at least 2 x 1 and at most 4e6 nodes");
  CHECK (isfinite (p->lambda) && p->lambda >= 0 && p->lambda <= 100, "lambda must be in [0, 100] 1/K");
  CHECK (isfinite (p->r0) && p->r0 > 0, "r0 must be positive");
  CHECK (isfinite (p->m) && p->m >= 1, "m must be at least 1");
  CHECK (isfinite (p->alpha_slope) && fabs (p->alpha_slope) < 1, "alpha_slope must be below 1/K");
  CHECK (isfinite (p->t_alpha_cap) && p->t_alpha_cap > 0, "t_alpha_cap must be positive");
  CHECK (isfinite (p->c_v) && p->c_v > 0, "c_v must be positive");
  CHECK (isfinite (p->k_h) && p->k_h > 0, "k_h must be positive");
  CHECK (isfinite (p->disorder) && p->disorder >= 0 && p->disorder <= 100, "disorder must be in [0, 100] K");
  CHECK (isfinite (p->constriction) && p->constriction >= 0 && p->constriction <= 10,
         "constriction must be in [0, 10]");
  CHECK (isfinite (p->t_c) && p->t_c > 0, "t_c must be positive");
  CHECK (isfinite (p->rho_m) && p->rho_m > 0, "rho_m must be positive");
  CHECK (isfinite (p->alpha_ratio) && p->alpha_ratio > 0, "alpha_ratio must be positive");
  CHECK (isfinite (p->length) && p->length > 0, "length must be positive");
  CHECK (isfinite (p->thickness) && p->thickness > 0, "thickness must be positive");
  CHECK (isfinite (p->kappa_s) && p->kappa_s > 0, "kappa_s must be positive");
  CHECK (isfinite (p->kappa_f) && p->kappa_f > 0, "kappa_f must be positive");
  CHECK (isfinite (p->tol) && p->tol > 0, "tol must be positive");
  CHECK (p->max_iter >= 1, "max_iter must be at least 1");
  return FLX_OK;
}

/* ---- SI5 ------------------------------------------------------------------------------ */

/* Coefficients of eq 5.3 (eq 5.4) with T_I = T_c, T_M = T_0, divided by nothing. */
static void
cubic_coefficients (const FlxLsmoParams *p, double voltage, double c[4])
{
  double a = p->alpha_ratio, tl = p->thickness / p->length, dt0 = p->t_c - p->t_substrate;

  c[3] = p->kappa_s * a * a;                                       /* A */
  c[2] = 2 * p->kappa_s * a + 2 * p->kappa_f * a * a * tl;         /* B */
  c[1] = p->kappa_s + 4 * p->kappa_f * a * tl                      /* C */
         - (a + 1) * p->thickness * voltage * voltage
           / (p->rho_m * dt0 * p->length * p->length);
  c[0] = 2 * p->kappa_f * tl;                                      /* D */
}

FlxStatus
flx_lsmo_analytic (const FlxLsmoParams *p, FlxLsmoAnalytic *out,
                   char *errmsg, size_t errmsg_len)
{
  FlxStatus st = flx_lsmo_params_check (p, errmsg, errmsg_len);
  if (st != FLX_OK)
    return st;
  if (!(p->t_c > p->t_substrate))
    return flx_set_error (errmsg, errmsg_len, FLX_E_PARAM,
                          "the analytic model needs t_c (%g K) above the substrate (%g K)",
                          p->t_c, p->t_substrate);

  double a = p->alpha_ratio, L = p->length, t = p->thickness;
  double q = p->kappa_s * L / (p->kappa_f * t); /* kappa_s L / (kappa_f t) */
  double dt0 = p->t_c - p->t_substrate;

  /* eq 5.7 and 5.8 */
  out->critical_width = L * sqrt (1.0 / (a * (a + q)));
  out->threshold_voltage = sqrt (p->kappa_f * L * p->rho_m * dt0 / (a + 1)
                                 * (q + 4 * (a + sqrt (a * a + a * q))));

  /* Full cubic: f = f' = 0  =>  2 A x^3 + B x^2 - D = 0, one positive root. */
  double c[4];
  cubic_coefficients (p, 0.0, c);
  double A = c[3], B = c[2], D = c[0], C0 = c[1];
  /* g(x) = 2 A x^3 + B x^2 - D is increasing and convex for x > 0 with g(0) = -D < 0, so
   * Newton from a point where g >= 0 falls monotonically onto the one positive root.
   * (gsl_poly_solve_cubic lost it to cancellation at allowed corners: kappa_s = 1e3 with
   * kappa_f = 1e12 gives x^3 + 2e5 x^2 - 500, and the run was refused.)  Either term
   * alone reaches D at its own root, so the larger of the two starts at g >= 0. */
  double xc = fmax (sqrt (D / B), cbrt (D / (2 * A)));
  for (int i = 0; i < 200 && isfinite (xc) && xc > 0; i++)
    {
      double g = (2 * A * xc + B) * xc * xc - D, dg = (6 * A * xc + 2 * B) * xc;
      double step = g / dg;
      if (!(step > 0))
        break; /* at the root to rounding (Newton never overshoots on a convex g) */
      xc -= step;
      if (step < 1e-15 * xc)
        break;
    }
  if (!(xc > 0) || !isfinite (xc))
    return flx_set_error (errmsg, errmsg_len, FLX_E_DIVERGED, "eq 5.3 has no double root");
  double Cc = -(3 * A * xc * xc + 2 * B * xc);
  /* C(V) = C0 - k V^2 */
  double k = (a + 1) * t / (p->rho_m * dt0 * L * L);
  out->critical_width_cubic = xc * L;
  out->threshold_voltage_cubic = sqrt ((C0 - Cc) / k);
  return FLX_OK;
}

double
flx_lsmo_barrier_width_cubic (const FlxLsmoParams *p, double voltage)
{
  if (!(p->t_c > p->t_substrate))
    return 0.0;
  double c[4], r[3];
  cubic_coefficients (p, voltage, c);
  int n = gsl_poly_solve_cubic (c[2] / c[3], c[1] / c[3], c[0] / c[3], &r[0], &r[1], &r[2]);
  double best = 0.0;
  for (int i = 0; i < n; i++)
    if (r[i] > best)
      best = r[i];
  return fmin (best, 1.0) * p->length;
}

/* ---- eqs 6.1-6.2 ----------------------------------------------------------------------- */

double
flx_lsmo_resistance (const FlxLsmoParams *p, double temperature, double tc, double *dr_dt)
{
  /* min (T, cap) of eq 6.2, rounded over FLX_LSMO_CAP_WIDTH (softplus): the kink would
   * make Newton's method chatter between the two sides.  At the cap alpha is lowered by
   * slope * w ln 2, i.e. R by 0.8 %; 10 K away the difference is below 1e-4. */
  const double w = FLX_LSMO_CAP_WIDTH;
  double z = (temperature - p->t_alpha_cap) / w;
  double softplus = z > 30 ? z : log1p (exp (z));
  double sig = z > 30 ? 1.0 : (z < -30 ? 0.0 : 1 / (1 + exp (-z)));
  double alpha = p->alpha_slope * (temperature - w * softplus);
  double dalpha = p->alpha_slope * (1 - sig);
  double e = p->r0 * exp (alpha);
  /* logistic written so that exp never overflows */
  double u = -p->lambda * (temperature - tc), s;
  if (u > 0)
    {
      double eu = exp (-u);
      s = eu / (1 + eu);
    }
  else
    s = 1 / (1 + exp (u));
  double f = 1 / p->m + (p->m - 1) / p->m * s;
  if (dr_dt != NULL)
    *dr_dt = e * (dalpha * f
                  + (p->m - 1) / p->m * p->lambda * s * (1 - s));
  return e * f;
}

/* ---- network ---------------------------------------------------------------------------- */

void
flx_lsmo_network_free (FlxLsmoNetwork *net)
{
  if (net == NULL)
    return;
  cholmod_free_sparse (&net->K, &net->cc);
  cholmod_free_sparse (&net->H, &net->cc);
  cholmod_free_factor (&net->LK, &net->cc);
  cholmod_free_factor (&net->LH, &net->cc);
  cholmod_free_dense (&net->kb, &net->cc);
  cholmod_free_dense (&net->kx, &net->cc);
  cholmod_free_dense (&net->ky, &net->cc);
  cholmod_free_dense (&net->ke, &net->cc);
  cholmod_free_dense (&net->hbv, &net->cc);
  cholmod_free_dense (&net->hx, &net->cc);
  cholmod_free_dense (&net->hy, &net->cc);
  cholmod_free_dense (&net->he, &net->cc);
  cholmod_free_dense (&net->kp, &net->cc);
  cholmod_finish (&net->cc);
  free (net->la); free (net->lb); free (net->lbu); free (net->koff); free (net->kdiag);
  free (net->hdiag); free (net->hb); free (net->nel); free (net->perm);
  free (net->tc); free (net->rs); free (net->T); free (net->x); free (net->R); free (net->dR);
  free (net->g); free (net->dlt); free (net->P); free (net->F);
  free (net->T0); free (net->Tprev); free (net->Fold); free (net->dT); free (net->rhs);
  free (net->Tfac); free (net->w); free (net->z); free (net->dx); free (net->dP); free (net->Vk); free (net->Hh);
  free (net->T_full); free (net->x_full); free (net->tc_full); free (net->rs_full); free (net->cm);
  free (net);
}

/* Solves K y = b (sys == 0) or H y = b (sys == 1) with the present factors. */
static int
chol_solve (FlxLsmoNetwork *net, int sys, const double *b, double *y)
{
  cholmod_factor *L = sys ? net->LH : net->LK;
  cholmod_dense **B = sys ? &net->hbv : &net->kb, **X = sys ? &net->hx : &net->kx;
  cholmod_dense **Y = sys ? &net->hy : &net->ky, **E = sys ? &net->he : &net->ke;
  size_t n = L->n;
  if (sys)
    memcpy ((*B)->x, b, n * sizeof (double));
  else
    {
      double *bx = (*B)->x;
      for (size_t k = 0; k < n; k++)
        bx[k] = b[net->perm[k]];
    }
  if (!cholmod_solve2 (CHOLMOD_A, L, *B, NULL, X, NULL, Y, E, &net->cc))
    return -1;
  if (sys)
    memcpy (y, (*X)->x, n * sizeof (double));
  else
    {
      const double *xx = (*X)->x;
      for (size_t k = 0; k < n; k++)
        y[net->perm[k]] = xx[k];
    }
  return 0;
}

/* Reorders K once: with the fill-reducing permutation P from cholmod_analyze, K is
 * replaced by P K P' stored as its upper triangle and analysed with the natural order.
 * cholmod_factorize then works on it in place; on the lower triangle with a permutation
 * it transposes and permutes (allocating) on every call, ~1/4 of its time here.
 * koff/kdiag are remapped and net->perm (nk) kept for the solves. */
static int
permute_k (FlxLsmoNetwork *net)
{
  cholmod_common *cc = &net->cc;
  size_t nk = net->nk;
  cholmod_factor *L0 = cholmod_analyze (net->K, cc);
  if (L0 == NULL)
    return -1;
  int *perm = L0->Perm;
  int *pinv = malloc (nk * sizeof (int));
  net->perm = malloc (nk * sizeof (int));
  cholmod_sparse *K = net->K;
  size_t nnz = ((int *) K->p)[nk];
  cholmod_sparse *U = cholmod_allocate_sparse (nk, nk, nnz, 1, 1, 1, CHOLMOD_REAL, cc);
  long *where = malloc (nnz * sizeof (long));
  int *cnt = calloc (nk + 1, sizeof (int));
  if (pinv == NULL || net->perm == NULL || U == NULL || where == NULL || cnt == NULL)
    {
      free (pinv); free (where); free (cnt);
      cholmod_free_sparse (&U, cc);
      cholmod_free_factor (&L0, cc);
      return -1;
    }
  for (size_t k = 0; k < nk; k++)
    {
      pinv[perm[k]] = (int) k;
      net->perm[k] = perm[k];
    }
  int *Kp = K->p, *Ki = K->i, *Up = U->p, *Ui = U->i;
  /* column counts of the upper triangle of P K P' */
  for (size_t c = 0; c < nk; c++)
    for (int q = Kp[c]; q < Kp[c + 1]; q++)
      {
        int a = pinv[Ki[q]], b = pinv[c];
        cnt[a > b ? a : b]++;
      }
  Up[0] = 0;
  for (size_t c = 0; c < nk; c++)
    Up[c + 1] = Up[c] + cnt[c];
  for (size_t c = 0; c < nk; c++)
    cnt[c] = Up[c];
  for (size_t c = 0; c < nk; c++)
    for (int q = Kp[c]; q < Kp[c + 1]; q++)
      {
        int a = pinv[Ki[q]], b = pinv[c];
        int col = a > b ? a : b, row = a > b ? b : a;
        int pos = cnt[col]++;
        Ui[pos] = row;
        where[q] = pos;
      }
  /* sort rows within each column (insertion sort; a handful of entries), carrying the
   * map from old positions */
  long *inv = malloc (nnz * sizeof (long));
  if (inv == NULL)
    {
      free (pinv); free (where); free (cnt);
      cholmod_free_sparse (&U, cc);
      cholmod_free_factor (&L0, cc);
      return -1;
    }
  for (size_t q = 0; q < nnz; q++)
    inv[where[q]] = (long) q;
  for (size_t c = 0; c < nk; c++)
    for (int q = Up[c] + 1; q < Up[c + 1]; q++)
      for (int r = q; r > Up[c] && Ui[r - 1] > Ui[r]; r--)
        {
          int ti = Ui[r]; Ui[r] = Ui[r - 1]; Ui[r - 1] = ti;
          long tq = inv[r]; inv[r] = inv[r - 1]; inv[r - 1] = tq;
        }
  for (size_t q = 0; q < nnz; q++)
    where[inv[q]] = (long) q;
  for (size_t l = 0; l < net->nl; l++)
    if (net->koff[l] >= 0)
      net->koff[l] = where[net->koff[l]];
  for (size_t u = 0; u < nk; u++)
    net->kdiag[u] = where[net->kdiag[u]];
  free (inv);
  free (where);
  free (cnt);
  free (pinv);
  cholmod_free_factor (&L0, cc);
  cholmod_free_sparse (&net->K, cc);
  net->K = U;

  int nmethods = cc->nmethods, ord = cc->method[0].ordering, post = cc->postorder;
  cc->nmethods = 1;
  cc->method[0].ordering = CHOLMOD_NATURAL;
  cc->postorder = 0;
  net->LK = cholmod_analyze (net->K, cc);
  cc->nmethods = nmethods;
  cc->method[0].ordering = ord;
  cc->postorder = post;
  if (net->LK == NULL)
    return -1;
  net->kp = cholmod_zeros (nk, 1, CHOLMOD_REAL, cc);
  return net->kp == NULL ? -1 : 0;
}

FlxStatus
flx_lsmo_network_new (const FlxLsmoParams *p, FlxLsmoNetwork **out,
                      char *errmsg, size_t errmsg_len)
{
  *out = NULL;
  FlxStatus st = flx_lsmo_params_check (p, errmsg, errmsg_len);
  if (st != FLX_OK)
    return st;

  FlxLsmoNetwork *net = calloc (1, sizeof *net);
  if (net == NULL)
    return flx_set_error (errmsg, errmsg_len, FLX_E_NOMEM, "out of memory");
  net->p = *p;
  /* Without disorder the device is mirror-symmetric: solve the half along each even
   * dimension (see "Symmetry" at the top). */
  net->symmetric = !(p->disorder > 0);
  net->fold_x = net->symmetric && p->nx % 2 == 0 ? 2 : 1;
  net->fold_y = net->symmetric && p->ny % 2 == 0 ? 2 : 1;
  net->nx_full = p->nx; net->ny_full = p->ny; net->N_full = p->nx * p->ny;
  size_t nx = p->nx / net->fold_x, ny = p->ny / net->fold_y, N = nx * ny;
  net->nx = nx; net->ny = ny; net->N = N;
  net->nk = N + (p->mode == FLX_LSMO_CURRENT ? 1 : 0);
  /* horizontal, vertical and electrode links */
  size_t nl = (nx - 1) * ny + nx * (ny - 1) + 2 * ny;
  net->nl = nl;

  cholmod_start (&net->cc);
  net->cc.print = 0;           /* errors come back as status, not on stderr */
  net->cc.error_handler = NULL;
  /* Simplicial LDL': with Debian's reference BLAS the supernodal path is ~7x slower on
   * these 2D grids (15 ms against 2 ms for 50 x 100). */
  net->cc.supernodal = CHOLMOD_SIMPLICIAL;

#define ALLOC(ptr, n) \
  do { (ptr) = calloc ((n) > 0 ? (size_t) (n) : 1, sizeof *(ptr)); if ((ptr) == NULL) goto nomem; } while (0)
  ALLOC (net->la, nl); ALLOC (net->lb, nl); ALLOC (net->lbu, nl); ALLOC (net->koff, nl);
  ALLOC (net->kdiag, net->nk); ALLOC (net->hdiag, N); ALLOC (net->hb, N); ALLOC (net->nel, N);
  ALLOC (net->tc, N); ALLOC (net->rs, N); ALLOC (net->T, N); ALLOC (net->x, net->nk);
  ALLOC (net->R, N); ALLOC (net->dR, N); ALLOC (net->g, nl); ALLOC (net->dlt, nl);
  ALLOC (net->P, N); ALLOC (net->F, N);
  ALLOC (net->T0, N); ALLOC (net->Tprev, N); ALLOC (net->Fold, N); ALLOC (net->dT, N);
  ALLOC (net->rhs, N); ALLOC (net->w, net->nk); ALLOC (net->z, N); ALLOC (net->dx, net->nk);
  ALLOC (net->dP, N); ALLOC (net->Tfac, N);
  ALLOC (net->Vk, (size_t) (GMRES_M + 1) * N); ALLOC (net->Hh, (size_t) (GMRES_M + 1) * GMRES_M);
  ALLOC (net->T_full, net->N_full); ALLOC (net->x_full, net->N_full);
  ALLOC (net->tc_full, net->N_full); ALLOC (net->rs_full, net->N_full); ALLOC (net->cm, p->nx);

  /* Pattern of K (lower triangle, columns in node order, rows sorted): column n holds
   * n, then n + 1 (right), n + nx (below), then the left electrode N (current mode). */
  size_t nnzk = net->nk + (nx - 1) * ny + nx * (ny - 1)
                + (p->mode == FLX_LSMO_CURRENT ? ny : 0);
  net->K = cholmod_allocate_sparse (net->nk, net->nk, nnzk, 1, 1, -1, CHOLMOD_REAL, &net->cc);
  size_t nnzh = N + (nx - 1) * ny + nx * (ny - 1);
  net->H = cholmod_allocate_sparse (N, N, nnzh, 1, 1, -1, CHOLMOD_REAL, &net->cc);
  if (net->K == NULL || net->H == NULL)
    goto nomem;
  int *Kp = net->K->p, *Ki = net->K->i, *Hp = net->H->p, *Hi = net->H->i;
  double *Hx = net->H->x;
  long kk = 0, kh = 0;
  size_t l = 0;
  double kh_w = p->k_h;
  for (size_t n = 0; n < N; n++)
    {
      size_t i = n % nx, j = n / nx;
      Kp[n] = kk; Hp[n] = kh;
      net->kdiag[n] = kk;
      Ki[kk++] = n;
      Hi[kh] = n; Hx[kh++] = 0; /* diagonal filled below */
      if (i + 1 < nx)
        {
          net->la[l] = n; net->lb[l] = n + 1; net->lbu[l] = n + 1; net->koff[l] = kk;
          Ki[kk++] = n + 1;
          Hi[kh] = n + 1; Hx[kh++] = -kh_w;
          l++;
        }
      if (j + 1 < ny)
        {
          net->la[l] = n; net->lb[l] = n + nx; net->lbu[l] = n + nx; net->koff[l] = kk;
          Ki[kk++] = n + nx;
          Hi[kh] = n + nx; Hx[kh++] = -kh_w;
          l++;
        }
      if (i == 0)
        {
          net->la[l] = n; net->lb[l] = LINK_LEFT;
          if (p->mode == FLX_LSMO_CURRENT)
            {
              net->lbu[l] = N; net->koff[l] = kk;
              Ki[kk++] = N;
            }
          else
            {
              net->lbu[l] = -1; net->koff[l] = -1;
            }
          l++;
          net->nel[n]++;
        }
      if (i == nx - 1)
        {
          /* The right electrode, or with fold_x 2 the link to the mirror node, whose
           * potential is minus this one's: the same current as a link of R_n to 0 V.
           * Only the electrode is a heat sink; across the mirror plane no heat flows. */
          net->la[l] = n; net->lb[l] = LINK_GROUND; net->lbu[l] = -1; net->koff[l] = -1;
          l++;
          if (net->fold_x == 1)
            net->nel[n]++;
        }
    }
  if (p->mode == FLX_LSMO_CURRENT)
    {
      Kp[N] = kk;
      net->kdiag[N] = kk;
      Ki[kk++] = N;
    }
  Kp[net->nk] = kk;
  Hp[N] = kh;

  /* H: k_h (1 + neighbours + electrode neighbours) on the diagonal (eq 6.3's 5 T_ij
   * in the bulk), -k_h off it.  The substrate term is per node area: on a grid other
   * than SI6's 50 x 100 it is scaled by 5000 / (nx ny) so that a coarse (FAST) grid
   * models the same device (same total substrate conductance, same R_net for square
   * cells); the lateral conductance between square cells does not depend on their size.
   * On the paper's grid this is eq 6.3 exactly. */
  net->ksub_scale = FLX_LSMO_REFERENCE_NODES / (double) net->N_full;
  /* cap of eq 6.2 plus 10 rounding widths; logistic saturated (e^-9) 9/lambda above the
   * highest local T_c */
  net->t_linear = fmax (p->t_alpha_cap + 10 * FLX_LSMO_CAP_WIDTH,
                        p->t_c + 4 * p->disorder + (p->lambda > 0 ? 9 / p->lambda : 0));
  for (size_t n = 0; n < N; n++)
    {
      size_t i = n % nx, j = n / nx;
      int nnb = (i > 0) + (i + 1 < nx) + (j > 0) + (j + 1 < ny);
      net->hdiag[n] = kh_w * (net->ksub_scale + nnb + net->nel[n]);
      net->hb[n] = kh_w * p->t_substrate * (net->ksub_scale + net->nel[n]);
      Hx[Hp[n]] = net->hdiag[n];
    }

  /* Non-uniformity: local T_c (disorder) and a Gaussian constriction at the centre. */
  gsl_rng *rng = NULL;
  if (p->disorder > 0)
    {
      rng = gsl_rng_alloc (gsl_rng_mt19937);
      if (rng == NULL)
        goto nomem;
      gsl_rng_set (rng, (unsigned long) p->seed);
    }
  for (size_t n = 0; n < net->N_full; n++)
    {
      double xi = ((double) (n % p->nx) + 0.5) / p->nx - 0.5;
      net->tc_full[n] = p->t_c + (rng ? gsl_ran_gaussian (rng, p->disorder) : 0.0);
      net->rs_full[n] = 1.0 + p->constriction * exp (-xi * xi / (0.05 * 0.05));
    }
  gsl_rng_free (rng);
  /* the solved grid is the full grid's top-left corner */
  for (size_t n = 0; n < N; n++)
    {
      size_t m = (n / nx) * p->nx + n % nx;
      net->tc[n] = net->tc_full[m];
      net->rs[n] = net->rs_full[m];
    }

  net->LH = cholmod_analyze (net->H, &net->cc);
  if (net->LH == NULL || permute_k (net) != 0)
    goto nomem;
  if (!cholmod_factorize (net->H, net->LH, &net->cc) || net->cc.status != CHOLMOD_OK)
    {
      flx_lsmo_network_free (net);
      return flx_set_error (errmsg, errmsg_len, FLX_E_DIVERGED,
                            "the thermal matrix could not be factorised");
    }
  net->kb = cholmod_zeros (net->nk, 1, CHOLMOD_REAL, &net->cc);
  net->hbv = cholmod_zeros (N, 1, CHOLMOD_REAL, &net->cc);
  if (net->kb == NULL || net->hbv == NULL)
    goto nomem;

  flx_lsmo_network_set_uniform (net, p->t_substrate);
  *out = net;
  return FLX_OK;

nomem:
  flx_lsmo_network_free (net);
  return flx_set_error (errmsg, errmsg_len, FLX_E_NOMEM,
                        "out of memory for a %zu x %zu network", ny, nx);
#undef ALLOC
}

/* Node of the solved grid that holds the full grid's node (i, j): its mirror image in
 * each folded direction. */
static inline size_t
solved_node (const FlxLsmoNetwork *net, size_t i, size_t j)
{
  if (i >= net->nx)
    i = net->nx_full - 1 - i;
  if (j >= net->ny)
    j = net->ny_full - 1 - j;
  return j * net->nx + i;
}

/* Expands the state to the device's grid: temperatures are mirror-symmetric; with
 * fold_x 2 the potentials are antisymmetric about V/2 (phi (i) + phi (nx - 1 - i) = V,
 * the electrodes being at V and 0), and the solved potentials are phi - V/2. */
static void
expand_state (FlxLsmoNetwork *net)
{
  size_t nxf = net->nx_full, nyf = net->ny_full;
  double half = net->fold_x == 2 ? net->V : 0.0; /* V/2 of the device */
  for (size_t j = 0; j < nyf; j++)
    for (size_t i = 0; i < nxf; i++)
      {
        size_t m = solved_node (net, i, j);
        double psi = i < net->nx ? net->x[m] : -net->x[m];
        net->T_full[j * nxf + i] = net->T[m];
        net->x_full[j * nxf + i] = half + psi;
      }
}

void
flx_lsmo_network_set_uniform (FlxLsmoNetwork *net, double temperature)
{
  for (size_t n = 0; n < net->N; n++)
    net->T[n] = temperature;
  memset (net->x, 0, net->nk * sizeof (double));
  net->bias = 0;
  net->V = 0;
  net->i_feed = 0;
  expand_state (net);
}

const double *flx_lsmo_network_temperature (const FlxLsmoNetwork *net) { return net->T_full; }
const double *flx_lsmo_network_potential (const FlxLsmoNetwork *net) { return net->x_full; }

static inline double
pot_b (const FlxLsmoNetwork *net, size_t l)
{
  int b = net->lb[l];
  if (b >= 0)
    return net->x[b];
  if (b == LINK_LEFT)
    return net->V;
  return 0.0;
}

/* With temperatures T: resistances, K, its factorisation, the potentials, link
 * currents, Joule powers and the heat residual F.  Nonzero on failure. */
static int
evaluate (FlxLsmoNetwork *net)
{
  const FlxLsmoParams *p = &net->p;
  size_t N = net->N, nk = net->nk;
  /* K depends on T only: a new bias with the same temperatures needs no refactorisation
   * (the first evaluation of every continuation step without a predictor). */
  bool same = net->k_valid && memcmp (net->Tfac, net->T, N * sizeof (double)) == 0;
  double *f = net->w;
  if (same)
    {
      memset (f, 0, nk * sizeof (double));
      for (size_t l = 0; l < net->nl; l++)
        if (net->lb[l] == LINK_LEFT && net->lbu[l] < 0)
          f[net->la[l]] += net->g[l] * net->V;
      goto solve;
    }
  net->k_valid = false;
  for (size_t n = 0; n < N; n++)
    {
      if (!isfinite (net->T[n]) || net->T[n] <= 0)
        return -1;
      double d;
      net->R[n] = net->rs[n] * flx_lsmo_resistance (p, net->T[n], net->tc[n], &d);
      net->dR[n] = net->rs[n] * d;
    }
  double *Kx = net->K->x;
  for (size_t u = 0; u < nk; u++)
    Kx[net->kdiag[u]] = 0;
  memset (f, 0, nk * sizeof (double));
  for (size_t l = 0; l < net->nl; l++)
    {
      int a = net->la[l], b = net->lb[l], bu = net->lbu[l];
      double g = 1.0 / (net->R[a] + (b >= 0 ? net->R[b] : 0.0));
      net->g[l] = g;
      Kx[net->kdiag[a]] += g;
      if (bu >= 0)
        {
          Kx[net->kdiag[bu]] += g;
          Kx[net->koff[l]] = -g;
        }
      else if (b == LINK_LEFT)
        f[a] += g * net->V; /* Dirichlet electrode moved to the right-hand side */
    }
  if (!cholmod_factorize (net->K, net->LK, &net->cc) || net->cc.status != CHOLMOD_OK)
    return -1;
  memcpy (net->Tfac, net->T, N * sizeof (double));
  net->k_valid = true;
solve:
  if (p->mode == FLX_LSMO_CURRENT)
    f[N] = net->i_feed;
  if (chol_solve (net, 0, f, net->x) != 0)
    return -1;
  if (p->mode == FLX_LSMO_CURRENT)
    net->V = net->x[N];

  memset (net->P, 0, N * sizeof (double));
  for (size_t l = 0; l < net->nl; l++)
    {
      int a = net->la[l], b = net->lb[l];
      double d = net->x[a] - pot_b (net, l);
      double I = net->g[l] * d;
      net->dlt[l] = d;
      net->P[a] += I * I * net->R[a];
      if (b >= 0)
        net->P[b] += I * I * net->R[b];
    }
  double rmax = 0, f2 = 0;
  for (size_t n = 0; n < N; n++)
    {
      size_t i = n % net->nx;
      double ht = net->hdiag[n] * net->T[n];
      if (i > 0) ht -= p->k_h * net->T[n - 1];
      if (i + 1 < net->nx) ht -= p->k_h * net->T[n + 1];
      if (n >= net->nx) ht -= p->k_h * net->T[n - net->nx];
      if (n + net->nx < N) ht -= p->k_h * net->T[n + net->nx];
      double F = ht - net->hb[n] - net->P[n];
      net->F[n] = F;
      rmax = fmax (rmax, fabs (F) / net->hdiag[n]);
      f2 += F * F;
    }
  if (!isfinite (rmax))
    return -1;
  net->rnorm = rmax;
  net->fnorm = sqrt (f2);
  return 0;
}

/* out = (H + shift) v - dP/dT v, with the potentials' response included (one K solve). */
static int
jacobian_apply (FlxLsmoNetwork *net, const double *v, double *out)
{
  const FlxLsmoParams *p = &net->p;
  size_t N = net->N, nk = net->nk;
  double *w = net->w, *dx = net->dx, *dP = net->dP;
  memset (w, 0, nk * sizeof (double));
  for (size_t l = 0; l < net->nl; l++)
    {
      int a = net->la[l], b = net->lb[l], bu = net->lbu[l];
      double dRab = net->dR[a] * v[a] + (b >= 0 ? net->dR[b] * v[b] : 0.0);
      double dg = -net->g[l] * net->g[l] * dRab;
      double dI = dg * net->dlt[l];
      w[a] += dI;
      if (bu >= 0)
        w[bu] -= dI;
    }
  if (chol_solve (net, 0, w, dx) != 0)
    return -1;
  memset (dP, 0, N * sizeof (double));
  for (size_t l = 0; l < net->nl; l++)
    {
      int a = net->la[l], b = net->lb[l], bu = net->lbu[l];
      double g = net->g[l], d = net->dlt[l];
      double dRa = net->dR[a] * v[a], dRb = b >= 0 ? net->dR[b] * v[b] : 0.0;
      double dg = -g * g * (dRa + dRb);
      /* dx = -K^-1 w */
      double ddelta = -dx[a] + (bu >= 0 ? dx[bu] : 0.0);
      double I = g * d, dI = dg * d + g * ddelta;
      dP[a] += 2 * I * dI * net->R[a] + I * I * dRa;
      if (b >= 0)
        dP[b] += 2 * I * dI * net->R[b] + I * I * dRb;
    }
  size_t nx = net->nx;
  for (size_t n = 0; n < N; n++)
    {
      size_t i = n % nx;
      double hv = (net->hdiag[n] + net->shift) * v[n];
      if (i > 0) hv -= p->k_h * v[n - 1];
      if (i + 1 < nx) hv -= p->k_h * v[n + 1];
      if (n >= nx) hv -= p->k_h * v[n - nx];
      if (n + nx < N) hv -= p->k_h * v[n + nx];
      out[n] = hv - dP[n];
    }
  return 0;
}

/* GMRES(m) for J dT = -F, right-preconditioned with H^-1.  Relative tolerance rtol. */
static int
gmres_solve (FlxLsmoNetwork *net, double rtol, size_t *iters)
{
  size_t N = net->N, m = GMRES_M;
  double *V = net->Vk, *Hh = net->Hh, *z = net->z, *r = net->rhs, *x = net->dT;
  memset (x, 0, N * sizeof (double));
  for (size_t n = 0; n < N; n++)
    r[n] = -net->F[n];
  double beta0 = 0;
  for (size_t n = 0; n < N; n++)
    beta0 += r[n] * r[n];
  beta0 = sqrt (beta0);
  if (beta0 == 0)
    return 0;
  for (int restart = 0; restart < GMRES_RESTARTS; restart++)
    {
      double beta = 0;
      for (size_t n = 0; n < N; n++)
        beta += r[n] * r[n];
      beta = sqrt (beta);
      if (beta <= rtol * beta0)
        return 0;
      for (size_t n = 0; n < N; n++)
        V[n] = r[n] / beta;
      memset (net->gg, 0, sizeof net->gg);
      net->gg[0] = beta;
      size_t k;
      bool done = false;
      for (k = 0; k < m && !done; k++)
        {
          double *vk = V + k * N, *vn = V + (k + 1) * N;
          if (chol_solve (net, 1, vk, z) != 0 || jacobian_apply (net, z, vn) != 0)
            return -1;
          (*iters)++;
          for (size_t i = 0; i <= k; i++)
            {
              double *vi = V + i * N, h = 0;
              for (size_t n = 0; n < N; n++)
                h += vn[n] * vi[n];
              for (size_t n = 0; n < N; n++)
                vn[n] -= h * vi[n];
              Hh[i * m + k] = h;
            }
          double hn = 0;
          for (size_t n = 0; n < N; n++)
            hn += vn[n] * vn[n];
          hn = sqrt (hn);
          Hh[(k + 1) * m + k] = hn;
          if (hn > 0)
            for (size_t n = 0; n < N; n++)
              vn[n] /= hn;
          for (size_t i = 0; i < k; i++)
            {
              double a = Hh[i * m + k], b = Hh[(i + 1) * m + k];
              Hh[i * m + k] = net->cs[i] * a + net->sn[i] * b;
              Hh[(i + 1) * m + k] = -net->sn[i] * a + net->cs[i] * b;
            }
          double a = Hh[k * m + k], b = Hh[(k + 1) * m + k], d = hypot (a, b);
          if (d == 0)
            return -1;
          net->cs[k] = a / d;
          net->sn[k] = b / d;
          Hh[k * m + k] = d;
          Hh[(k + 1) * m + k] = 0;
          net->gg[k + 1] = -net->sn[k] * net->gg[k];
          net->gg[k] = net->cs[k] * net->gg[k];
          if (fabs (net->gg[k + 1]) <= rtol * beta0 || hn == 0)
            done = true;
        }
      /* back substitution, then x += H^-1 (V y) */
      for (size_t i = k; i-- > 0;)
        {
          double s = net->gg[i];
          for (size_t jj = i + 1; jj < k; jj++)
            s -= Hh[i * m + jj] * net->yy[jj];
          net->yy[i] = s / Hh[i * m + i];
        }
      memset (r, 0, N * sizeof (double));
      for (size_t i = 0; i < k; i++)
        for (size_t n = 0; n < N; n++)
          r[n] += net->yy[i] * V[i * N + n];
      if (chol_solve (net, 1, r, z) != 0)
        return -1;
      for (size_t n = 0; n < N; n++)
        x[n] += z[n];
      if (done)
        return 0;
      /* true residual for the restart: r = -F - J x */
      if (jacobian_apply (net, x, r) != 0)
        return -1;
      for (size_t n = 0; n < N; n++)
        r[n] = -net->F[n] - r[n];
    }
  return 0; /* inexact step; the outer iteration judges it */
}

static void
fill_point (FlxLsmoNetwork *net, FlxLsmoPoint *pt)
{
  const FlxLsmoParams *p = &net->p;
  size_t nx = net->nx, ny = net->ny, N = net->N;
  /* The solved grid carries 1/fold_y of the current, at 1/fold_x of the voltage, and
   * each of its nodes stands for fold_x fold_y nodes of the device. */
  double I = 0;
  for (size_t l = 0; l < net->nl; l++)
    if (net->lb[l] == LINK_LEFT)
      I -= net->g[l] * net->dlt[l]; /* dlt = x_a - V: current from the electrode is -g dlt */
  I *= net->fold_y;
  double heat = 0, tmax = 0;
  for (size_t n = 0; n < N; n++)
    {
      heat += p->k_h * (net->ksub_scale + net->nel[n]) * (net->T[n] - p->t_substrate);
      tmax = fmax (tmax, net->T[n]);
    }
  heat *= net->fold_x * net->fold_y;
  double V = net->fold_x * net->V;
  pt->bias = net->bias;
  pt->voltage = V;
  pt->current = I;
  pt->joule_power = V * I;
  pt->heat_out = heat;
  pt->t_max = tmax;
  pt->t_center = net->T[solved_node (net, net->nx_full / 2, net->ny_full / 2)];

  /* Barrier: along x, the coolest node of each column minus its T_c, c(x); the length
   * where c > 0, with c linear between column centres (flat in the end half cells) so
   * the width varies continuously with the bias rather than in whole columns.  Over the
   * device's columns (a folded grid's columns mirrored). */
  double *cm = net->cm;
  for (size_t i = 0; i < nx; i++)
    {
      double cmin = INFINITY;
      for (size_t j = 0; j < ny; j++)
        cmin = fmin (cmin, net->T[j * nx + i] - net->tc[j * nx + i]);
      cm[i] = cmin;
      if (net->fold_x == 2)
        cm[net->nx_full - 1 - i] = cmin;
    }
  nx = net->nx_full;
  double frac = 0, mom = 0;
  if (cm[0] > 0)
    frac += 0.5, mom += 0.5 * 0.25;
  if (cm[nx - 1] > 0)
    frac += 0.5, mom += 0.5 * (nx - 0.25);
  for (size_t i = 0; i + 1 < nx; i++)
    {
      double c0 = cm[i], c1 = cm[i + 1], x0 = i + 0.5, a, b;
      if (c0 > 0 && c1 > 0)
        a = x0, b = x0 + 1;
      else if (c0 <= 0 && c1 <= 0)
        continue;
      else if (c0 > 0)
        a = x0, b = x0 + c0 / (c0 - c1);
      else
        a = x0 + c0 / (c0 - c1), b = x0 + 1;
      frac += b - a;
      mom += (b - a) * 0.5 * (a + b);
    }
  pt->barrier_fraction = frac / nx;
  pt->barrier_center = frac > 0 ? mom / frac / nx : 0.5;
}

/* For a mirror-symmetric device (no disorder; the constriction is symmetric) average T
 * over its mirror images in x and y.  Eq 6.3 makes the interior temperature flat to
 * within e^-(nx/2) (equal lateral and substrate couplings: a healing length of one
 * node), so the localised modes that grow at the NDR onset are nearly degenerate and,
 * left alone, rounding in the solves decides where the barrier nucleates (we saw it at
 * 0.42 L).  The mirror image of a steady state is an equally valid one; keeping the
 * symmetry exact makes the result deterministic and, as in SI6's symmetric iteration,
 * puts the nucleus where the electrodes' cooling leaves the device hottest: its
 * centre.  With disorder > 0 nothing is imposed and symmetry breaking is visible.
 * A folded direction (even length) is symmetric by construction; only an odd one is
 * averaged here, on the solved grid. */
static void
symmetrize (FlxLsmoNetwork *net)
{
  bool mx = net->symmetric && net->fold_x == 1, my = net->symmetric && net->fold_y == 1;
  if (!mx && !my)
    return;
  size_t nx = net->nx, ny = net->ny;
  double *T = net->T;
  for (size_t j = 0; j < (my ? (ny + 1) / 2 : ny); j++)
    for (size_t i = 0; i < (mx ? (nx + 1) / 2 : nx); i++)
      {
        size_t i2 = mx ? nx - 1 - i : i, j2 = my ? ny - 1 - j : j;
        size_t a = j * nx + i, b = j * nx + i2, c = j2 * nx + i, d = j2 * nx + i2;
        double m = 0.25 * (T[a] + T[b] + T[c] + T[d]);
        T[a] = T[b] = T[c] = T[d] = m;
      }
}

/* One Newton / pseudo-transient solve from the present state. */
static FlxStatus
steady_state (FlxLsmoNetwork *net, size_t *iterations, char *errmsg, size_t errmsg_len)
{
  const FlxLsmoParams *p = &net->p;
  size_t N = net->N;
  double tol = p->tol;
  /* C_V / dt with dt = C_V / k_h, the thermal time of one node */
  double shift_base = p->k_h;
  bool ptc = false;
  double prev_r = INFINITY;
  size_t it = 0, lin = 0;

  if (evaluate (net) != 0)
    goto ptc_restart_from_start;
  goto loop;

ptc_restart_from_start:
  /* A Newton step failed (the branch ended, or the start is outside Newton's basin): go
   * back to the last steady state and follow the physical transient. */
  memcpy (net->T, net->T0, N * sizeof (double));
  if (evaluate (net) != 0)
    return flx_set_error (errmsg, errmsg_len, FLX_E_DIVERGED,
                          "network solve failed at bias %g", net->bias);
  ptc = true;
  net->shift = 2 * shift_base;

loop:
  for (; it < p->max_iter; it++)
    {
      /* Every iteration: on a 500 x 50 disordered grid one GMRES solve takes ~0.3 s, so
       * polling every 8th left a stopped run going for 2 s (14 s under ASan); the poll
       * itself is a clock read, throttled to 20 Hz in report(). */
      if (net->poll != NULL && net->poll (net->poll_ctx))
        {
          net->shift = 0;
          return flx_set_error (errmsg, errmsg_len, FLX_E_CANCELLED, "cancelled");
        }
      if (net->rnorm < tol)
        {
          *iterations = it;
          net->shift = 0;
          return FLX_OK;
        }
      if (!ptc)
        net->shift = 0;
      double eta = isfinite (prev_r) ? fmin (1e-2, fmax (1e-6, 0.9 * pow (net->rnorm / prev_r, 2)))
                                     : 1e-2;
      if (ptc)
        eta = 1e-3;
      memcpy (net->Tprev, net->T, N * sizeof (double));
      double r_old = net->rnorm, f_old = net->fnorm;
      if (gmres_solve (net, eta, &lin) != 0)
        {
          if (!ptc)
            {
              it++;
              goto ptc_restart_from_start;
            }
          return flx_set_error (errmsg, errmsg_len, FLX_E_DIVERGED,
                                "linear solve failed at bias %g", net->bias);
        }
      /* Trust region: a linearised step that moves some node by more than
       * FLX_LSMO_DT_MAX overshoots the switching transients (a hot spot predicted at
       * 780 K that settles at 445 K) and made the iteration cycle.  In Newton mode such
       * a step means the branch ended: follow the transient instead.  In pseudo-time
       * mode scale the step down and shorten the next pseudo-time step. */
      double dmax = 0;
      for (size_t n = 0; n < N; n++)
        {
          /* only motion inside the band where R(T) is nonlinear counts; above it R is
           * constant and the step is exact (a current-controlled switch heats the whole
           * channel by thousands of kelvins) */
          double a = fmin (net->T[n], net->t_linear), b = fmin (net->T[n] + net->dT[n], net->t_linear);
          dmax = fmax (dmax, fabs (b - a));
        }
      if (!ptc && dmax > 4 * FLX_LSMO_DT_MAX)
        {
          it++;
          goto ptc_restart_from_start;
        }
      double sc = 1.0, shift_used = net->shift;
      if (ptc && dmax > FLX_LSMO_DT_MAX)
        {
          sc = FLX_LSMO_DT_MAX / dmax;
          for (size_t n = 0; n < N; n++)
            net->dT[n] *= sc;
          net->shift = fmax (net->shift, shift_base) / sc;
        }
      memcpy (net->Fold, net->F, N * sizeof (double));
      for (size_t n = 0; n < N; n++)
        net->T[n] += net->dT[n];
      symmetrize (net);
      int bad = evaluate (net);
      if (!ptc)
        {
          /* Newton: accept only a clear decrease of the residual. */
          if (bad || !(net->fnorm < 0.9 * f_old || net->rnorm < tol))
            {
              it++;
              goto ptc_restart_from_start;
            }
          prev_r = r_old;
        }
      else
        {
          /* Step control by the nonlinearity of the step: for the step sc d, with
           * (shift + J) d = -F, the linear model predicts F + J sc d =
           * (1 - sc) F - shift sc d, so rho = |F_new - that| / |F_old| measures how far
           * the step left the region where the linearisation holds.  Small rho:
           * lengthen the pseudo-time step (towards Newton); large: shorten or reject.
           * Pure SER (dt ~ 1/|F|) crawled through the cascades of column switches.
           * A step with rho > 1 is rejected even if |F| fell: past a fold the
           * linearised step with a long dt is a Newton step back towards the vanished
           * branch (implicit Euler damps the unstable mode that carries the switch),
           * and accepting it made the iteration cycle between that ghost and the
           * escape, 200-700 iterations per switch on 50 x 100.  After a rejection dt
           * is shortened 4x from the one that failed, not reset to the thermal time of
           * a node, which restarted the cycle.  Both keep the iterate on the physical
           * transient; they land on the same states to ~1e-9 (constriction 0.02). */
          double d2 = 0;
          for (size_t n = 0; n < N; n++)
            {
              double e = net->F[n] - (1 - sc) * net->Fold[n] + shift_used * net->dT[n];
              d2 += e * e;
            }
          double rho = bad ? INFINITY : sqrt (d2) / f_old;
          if (bad || rho > 1.0)
            {
              memcpy (net->T, net->Tprev, N * sizeof (double));
              if (evaluate (net) != 0)
                return flx_set_error (errmsg, errmsg_len, FLX_E_DIVERGED,
                                      "network solve failed at bias %g", net->bias);
              net->shift = fmax (net->shift, shift_used) * 4;
              if (net->shift > 1e12 * p->k_h)
                return flx_set_error (errmsg, errmsg_len, FLX_E_DIVERGED,
                                      "pseudo-time step collapsed at bias %g", net->bias);
              continue;
            }
          if (rho < 0.1)
            net->shift /= 4;
          else if (rho < 0.3)
            net->shift /= 2;
          else if (rho > 0.7)
            net->shift *= 2;
          if (net->shift < 1e-6 * shift_base)
            net->shift = 0;
        }
    }
  net->shift = 0;
  return flx_set_error (errmsg, errmsg_len, FLX_E_DIVERGED,
                        "no steady state at bias %g %s after %zu iterations "
                        "(residual %.3g K); try more steps or a smaller lambda",
                        net->bias, p->mode == FLX_LSMO_CURRENT ? "A" : "V", it, net->rnorm);
}

FlxStatus
flx_lsmo_network_solve (FlxLsmoNetwork *net, double bias, FlxLsmoPoint *pt,
                        char *errmsg, size_t errmsg_len)
{
  size_t N = net->N;
  if (!isfinite (bias))
    return flx_set_error (errmsg, errmsg_len, FLX_E_PARAM, "bias must be finite");
  /* Continuation: start from the last steady state, also kept in T0 as the restart
   * point of the pseudo-transient fallback.  (A secant predictor cost more: it changes
   * T, so the first evaluation needs a factorisation, and it saved no iterations.) */
  memcpy (net->T0, net->T, N * sizeof (double));
  net->bias = bias;
  if (net->p.mode == FLX_LSMO_VOLTAGE)
    net->V = bias / net->fold_x;
  else
    net->i_feed = bias / net->fold_y;
  size_t its = 0;
  FlxStatus st = steady_state (net, &its, errmsg, errmsg_len);
  expand_state (net);
  if (st != FLX_OK)
    return st;
  if (pt != NULL)
    {
      double *tk = pt->temperature, *pk = pt->potential;
      memset (pt, 0, sizeof *pt);
      fill_point (net, pt);
      pt->iterations = its;
      pt->temperature = tk;
      pt->potential = pk;
      if (tk != NULL)
        memcpy (tk, net->T_full, net->N_full * sizeof (double));
      if (pk != NULL)
        memcpy (pk, net->x_full, net->N_full * sizeof (double));
    }
  return FLX_OK;
}

FlxStatus
flx_lsmo_network_resistance (FlxLsmoNetwork *net, double temperature, double *resistance)
{
  for (size_t n = 0; n < net->N; n++)
    net->T[n] = temperature;
  /* Unit bias; R from V / I (no self-heating: only the electrical part is solved). */
  net->bias = 1.0;
  net->V = 1.0 / net->fold_x;
  net->i_feed = 1.0 / net->fold_y;
  if (evaluate (net) != 0)
    return FLX_E_DIVERGED;
  expand_state (net);
  FlxLsmoPoint pt;
  memset (&pt, 0, sizeof pt);
  fill_point (net, &pt);
  *resistance = pt.voltage / pt.current;
  return FLX_OK;
}

/* Kirchhoff on the device's full grid, from the expanded state and resistances computed
 * afresh, so that it also checks the folding. */
void
flx_lsmo_network_check (FlxLsmoNetwork *net, double *max_kirchhoff, double *current_scale,
                        double *joule_power, double *heat_out)
{
  size_t nx = net->nx_full, ny = net->ny_full, N = net->N_full;
  double *imb = calloc (N, sizeof (double)), *R = malloc (N * sizeof (double));
  if (imb == NULL || R == NULL)
    {
      free (imb);
      free (R);
      *max_kirchhoff = INFINITY;
      return;
    }
  const double *T = net->T_full, *x = net->x_full;
  double V = net->fold_x * net->V, ie = 0; /* ie: current from the left electrode */
  for (size_t n = 0; n < N; n++)
    R[n] = net->rs_full[n] * flx_lsmo_resistance (&net->p, T[n], net->tc_full[n], NULL);
  for (size_t n = 0; n < N; n++)
    {
      size_t i = n % nx, j = n / nx;
      if (i + 1 < nx)
        {
          double I = (x[n] - x[n + 1]) / (R[n] + R[n + 1]);
          imb[n] += I;
          imb[n + 1] -= I;
        }
      if (j + 1 < ny)
        {
          double I = (x[n] - x[n + nx]) / (R[n] + R[n + nx]);
          imb[n] += I;
          imb[n + nx] -= I;
        }
      if (i == 0)
        {
          double I = (V - x[n]) / R[n];
          imb[n] -= I;
          ie += I;
        }
      if (i == nx - 1)
        imb[n] += x[n] / R[n];
    }
  double mk = 0;
  for (size_t n = 0; n < N; n++)
    mk = fmax (mk, fabs (imb[n]));
  if (net->p.mode == FLX_LSMO_CURRENT)
    mk = fmax (mk, fabs (net->bias - ie)); /* the source feeds the electrode */
  free (imb);
  free (R);
  FlxLsmoPoint pt;
  memset (&pt, 0, sizeof pt);
  fill_point (net, &pt);
  *max_kirchhoff = mk;
  *current_scale = fabs (pt.current);
  *joule_power = pt.joule_power;
  *heat_out = pt.heat_out;
}

/* ---- sweep -------------------------------------------------------------------------------- */

void
flx_lsmo_result_clear (FlxLsmoResult *r)
{
  if (r == NULL)
    return;
  for (size_t k = 0; r->up != NULL && k < r->n_up; k++)
    {
      free (r->up[k].temperature);
      free (r->up[k].potential);
    }
  for (size_t k = 0; r->down != NULL && k < r->n_down; k++)
    {
      free (r->down[k].temperature);
      free (r->down[k].potential);
    }
  free (r->up);
  free (r->down);
  free (r->rt_temperature);
  free (r->rt_resistance);
  free (r->tc_local);
  free (r->r_scale);
  memset (r, 0, sizeof *r);
}

void
flx_lsmo_extra_free (void *extra)
{
  FlxLsmoExtra *e = extra;
  if (e == NULL)
    return;
  flx_lsmo_result_clear (&e->result);
  free (e);
}

void
flx_lsmo_resistance_map (const FlxLsmoParams *p, const FlxLsmoResult *r,
                         const double *temperature, double *out)
{
  size_t N = r->nx * r->ny;
  for (size_t n = 0; n < N; n++)
    out[n] = r->r_scale[n] * flx_lsmo_resistance (p, temperature[n], r->tc_local[n], NULL);
}

static double
now_s (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

typedef struct {
  FlxProgressFunc progress;
  void *user_data;
  double last;
  double fraction;
} Reporter;

static int report (Reporter *rep, double fraction, bool force);

/* Polled from inside a long steady-state iteration: same fraction, throttled. */
static int
poll_cancel (void *ctx)
{
  Reporter *rep = ctx;
  return report (rep, rep->fraction, false);
}

/* Throttled to ~20 Hz; nonzero when the caller asks to stop. */
static int
report (Reporter *rep, double fraction, bool force)
{
  rep->fraction = fraction;
  if (rep->progress == NULL)
    return 0;
  double t = now_s ();
  if (!force && t - rep->last < 0.05)
    return 0;
  rep->last = t;
  return flx_report (rep->progress, rep->user_data, fraction);
}

static void
detect_ndr (const FlxLsmoParams *p, FlxLsmoResult *r)
{
  r->ndr = false;
  r->ndr_onset_voltage = 0;
  r->ndr_end_voltage = 0;
  r->switching_current = 0;
  size_t n = r->n_up;
  const FlxLsmoPoint *u = r->up;
  if (p->mode == FLX_LSMO_VOLTAGE)
    {
      size_t kmax = 0;
      for (size_t k = 1; k < n; k++)
        if (u[k].current > u[kmax].current)
          kmax = k;
      size_t kmin = kmax;
      for (size_t k = kmax + 1; k < n; k++)
        if (u[k].current < u[kmin].current)
          kmin = k;
      /* a fall of more than 0.1 % after the maximum: well above the solver's tolerance,
       * below any NDR visible on a plot */
      if (kmax + 1 < n && u[kmin].current < u[kmax].current * (1 - 1e-3))
        {
          r->ndr = true;
          double v = u[kmax].voltage;
          if (kmax > 0)
            {
              /* parabola through the three points around the maximum */
              double x0 = u[kmax - 1].voltage, x1 = u[kmax].voltage, x2 = u[kmax + 1].voltage;
              double y0 = u[kmax - 1].current, y1 = u[kmax].current, y2 = u[kmax + 1].current;
              double d = (x0 - x1) * (x0 - x2) * (x1 - x2);
              double A = (x2 * (y1 - y0) + x1 * (y0 - y2) + x0 * (y2 - y1)) / d;
              double B = (x2 * x2 * (y0 - y1) + x1 * x1 * (y2 - y0) + x0 * x0 * (y1 - y2)) / d;
              if (A < 0)
                {
                  double xv = -B / (2 * A);
                  if (xv > x0 && xv < x2)
                    v = xv;
                }
            }
          r->ndr_onset_voltage = v;
          r->ndr_end_voltage = u[kmin].voltage;
        }
    }
  else
    {
      /* Current control has no NDR branch (it is unstable there); the N-shaped
       * voltage-controlled curve shows up as an abrupt switch: the resistance V/I jumps
       * by more than half in one current step. */
      for (size_t k = 1; k + 1 < n; k++)
        {
          double r0 = u[k].voltage / u[k].current, r1 = u[k + 1].voltage / u[k + 1].current;
          if (u[k].current > 0 && r1 > 1.5 * r0)
            {
              r->ndr = true;
              r->ndr_onset_voltage = u[k].voltage;
              r->ndr_end_voltage = u[k + 1].voltage;
              r->switching_current = u[k + 1].current;
              break;
            }
        }
    }
}

FlxStatus
flx_lsmo_run (const FlxLsmoParams *p, FlxLsmoResult *out, FlxProgressFunc progress,
              void *user_data, char *errmsg, size_t errmsg_len)
{
  memset (out, 0, sizeof *out);
  FlxStatus st = flx_lsmo_params_check (p, errmsg, errmsg_len);
  if (st != FLX_OK)
    return st;

  Reporter rep = { progress, user_data, 0, 0 };
  FlxLsmoNetwork *net = NULL;
  size_t N = p->nx * p->ny, steps = p->steps;

  /* Memory estimate before allocating (issue 11).  The stored frames take 4 arrays of N
   * doubles per sweep point (T and potential, up and down); the network, its CHOLMOD
   * factors and the GMRES workspace took ~500 bytes per node on a 400 x 400 grid
   * (95 MB peak RSS with 2 points), so 1 KiB per node covers the unfolded (disordered)
   * grid too.  The table allows nx = ny = 1000 with 2000 points, 64 GB of frames. */
  {
    double bytes = (double) N * (1024.0 + (p->store_frames ? 32.0 * (double) steps : 0.0));
    if (bytes > (double) FLX_MEMORY_LIMIT)
      return flx_set_error (errmsg, errmsg_len, FLX_E_NOMEM,
                            "grid nx = %zu by ny = %zu with %zu sweep points (steps) would need "
                            "about %.1f GiB, over the %.0f GiB limit; use fewer nodes or steps",
                            p->nx, p->ny, steps, bytes / (1 << 30),
                            (double) FLX_MEMORY_LIMIT / (1 << 30));
  }
  out->mode = p->mode;
  out->nx = p->nx;
  out->ny = p->ny;
  out->length = p->length;
  out->width = p->length * (double) p->ny / (double) p->nx;

  /* The analytic model is undefined above T_c; the network still runs. */
  if (p->t_c > p->t_substrate)
    {
      st = flx_lsmo_analytic (p, &out->analytic, errmsg, errmsg_len);
      if (st != FLX_OK)
        goto fail;
    }

  st = flx_lsmo_network_new (p, &net, errmsg, errmsg_len);
  if (st != FLX_OK)
    goto fail;
  net->poll = poll_cancel;
  net->poll_ctx = &rep;

  out->tc_local = malloc (N * sizeof (double));
  out->r_scale = malloc (N * sizeof (double));
  out->n_rt = 81;
  out->rt_temperature = malloc (out->n_rt * sizeof (double));
  out->rt_resistance = malloc (out->n_rt * sizeof (double));
  out->up = calloc (steps, sizeof (FlxLsmoPoint));
  out->down = calloc (steps, sizeof (FlxLsmoPoint));
  if (!out->tc_local || !out->r_scale || !out->rt_temperature || !out->rt_resistance
      || !out->up || !out->down)
    {
      st = flx_set_error (errmsg, errmsg_len, FLX_E_NOMEM, "out of memory");
      goto fail;
    }
  memcpy (out->tc_local, net->tc_full, N * sizeof (double));
  memcpy (out->r_scale, net->rs_full, N * sizeof (double));
  out->n_up = steps;
  out->n_down = steps;
  if (p->store_frames)
    for (size_t k = 0; k < steps; k++)
      {
        out->up[k].temperature = malloc (N * sizeof (double));
        out->up[k].potential = malloc (N * sizeof (double));
        out->down[k].temperature = malloc (N * sizeof (double));
        out->down[k].potential = malloc (N * sizeof (double));
        if (!out->up[k].temperature || !out->up[k].potential
            || !out->down[k].temperature || !out->down[k].potential)
          {
            st = flx_set_error (errmsg, errmsg_len, FLX_E_NOMEM,
                                "out of memory for %zu frames of %zu nodes", 2 * steps, N);
            goto fail;
          }
      }

  /* Fig S6b: network R(T), 40-440 K, at uniform temperature.  With one T_c for every
   * node (no disorder) each node's resistance is rs_n R(T), so the network's is R(T)
   * times that of the rs_n alone: one solve, then exact scaling. */
  for (size_t k = 0; k < out->n_rt; k++)
    {
      double T = 40.0 + 400.0 * k / (out->n_rt - 1);
      out->rt_temperature[k] = T;
      if (k > 0 && !(p->disorder > 0))
        {
          out->rt_resistance[k] = out->rt_resistance[0]
                                  * (flx_lsmo_resistance (p, T, p->t_c, NULL)
                                     / flx_lsmo_resistance (p, out->rt_temperature[0], p->t_c, NULL));
          continue;
        }
      if (flx_lsmo_network_resistance (net, T, &out->rt_resistance[k]) != FLX_OK)
        {
          st = flx_set_error (errmsg, errmsg_len, FLX_E_DIVERGED, "R(T) failed at %g K", T);
          goto fail;
        }
      /* With disorder each of the 81 points is a full solve (~0.5 s on 500 x 500), so
       * a cancelled run must be able to stop here, not only in the sweep (issue 11: a
       * stopped run went on for over 30 s). */
      if (report (&rep, 0.02 * (k + 1) / out->n_rt, false))
        {
          st = flx_set_error (errmsg, errmsg_len, FLX_E_CANCELLED, "cancelled");
          goto fail;
        }
    }
  if (report (&rep, 0.02, true))
    {
      st = flx_set_error (errmsg, errmsg_len, FLX_E_CANCELLED, "cancelled");
      goto fail;
    }

  double top = p->mode == FLX_LSMO_CURRENT ? p->i_max : p->v_max;
  flx_lsmo_network_set_uniform (net, p->t_substrate);
  for (size_t k = 0; k < 2 * steps; k++)
    {
      bool upward = k < steps;
      size_t kk = upward ? k : k - steps;
      double s = (double) kk / (steps - 1);
      double bias = top * (upward ? s : 1 - s);
      FlxLsmoPoint *pt = upward ? &out->up[kk] : &out->down[kk];
      st = flx_lsmo_network_solve (net, bias, pt, errmsg, errmsg_len);
      if (st != FLX_OK)
        goto fail;
      if (report (&rep, 0.02 + 0.98 * (k + 1) / (2.0 * steps), false))
        {
          st = flx_set_error (errmsg, errmsg_len, FLX_E_CANCELLED, "cancelled");
          goto fail;
        }
    }

  detect_ndr (p, out);
  out->max_current = 0;
  for (size_t k = 0; k < steps; k++)
    out->max_current = fmax (out->max_current, fmax (out->up[k].current, out->down[k].current));
  out->barrier_width_final = out->up[steps - 1].barrier_fraction;
  flx_lsmo_network_free (net);
  return FLX_OK;

fail:
  flx_lsmo_network_free (net);
  flx_lsmo_result_clear (out);
  return st;
}

