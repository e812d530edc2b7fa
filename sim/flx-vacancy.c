/* flx-vacancy.c: tip-driven oxygen-vacancy drift-diffusion in SrTiO3.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Source: M. Kim, S. V. Kalinin, L.-Q. Chen & T. W. Noh, "Controlled manipulation of oxygen
 * vacancies using nanoscale flexoelectricity" (seed 001; "the paper").  Equation numbers
 * are the paper's.
 *
 * 1. Tip load.  Spherical tip: Hertz (Johnson, Contact Mechanics 1985, eqs 4.22-4.23),
 *    a = (3 F R / 4 E*)^(1/3), p(r) = p0 sqrt(1 - r^2/a^2), p0 = 3 F / (2 pi a^2),
 *    1/E* = (1 - nu^2)/E + (1 - nu_t^2)/E_t.  E, nu: Voigt average of SrTiO3's c11 = 318,
 *    c12 = 103, c44 = 124 GPa (E = 288 GPa, nu = 0.225).  The paper's "8 nm at 4 uN for
 *    R = 25 nm" is reproduced (7.9 nm) when the tip has the film's modulus (E* = E / 2
 *    (1 - nu^2) = 151 GPa, the default, tip_young = 0); a rigid tip gives 6.3 nm, a
 *    silicon tip (169 GPa, 0.27) 8.7 nm, and the thin-film eq 9 of the cfr module 11.5 nm.
 *    Flat punch (Johnson eq 3.36 / Boussinesq): p(r) = F / (2 pi a sqrt(a^2 - r^2)), with
 *    its edge singularity rounded over punch_edge * a (see punch_shape): the ideal
 *    punch's pressure step makes the edge trap grow without bound under grid refinement.
 *
 * 2. Geometry: an x-z section in plane strain (flx-elastic with ny = 1).  The section
 *    carries the 3D contact pressure along its line y = 0, p(x) = p(r = |x|), so the
 *    contact width and the peak (sphere) or edge-singular (punch) pressure near the
 *    surface, which set the strain gradients that drive the drift within ~a of the
 *    contact, are those of the axisymmetric contact.  Below ~a plane strain decays as 1/r
 *    instead of 1/r^2, so the deep field is overestimated: the depletion depth is an
 *    upper bound.  We chose the plane section over an axisymmetric (r, z) one because the
 *    scanning tip, the enriched/pristine border and the KPFM line scans of the paper are
 *    all along x, and a 2D domain keeps potential, elasticity and drift consistent.  The
 *    film is homoepitaxial SrTiO3 on (Nb:)SrTiO3, so an elastic half-space is exact for
 *    the mechanics (same material below the film).
 *
 * 3. Flexoelectric polarization (issue 7; the paper's Fig 3a/4b components):
 *        P_z = sgn eps f_eff d(eps_xx + eps_yy)/dz,   P_x = sgn eps f_eff d(eps_zz + eps_yy)/dx
 *    (the transverse gradients, eps_yy = 0 in plane strain), eps = eps0 eps_r, sgn = -1.
 *    Sign: a pressing tip compresses the surface, so d eps_xx / d(depth) > 0 under the
 *    contact.  The paper's simulation finds the depolarisation field BELOW the tip
 *    pointing down (Fig 3c, drives vacancies into the bulk), which needs P pointing up
 *    there; with our depth axis that is sgn = -1 for f_eff > 0.  The sign of the effective
 *    flexocoupling of SrTiO3 is not settled in the literature; f_eff < 0 in the API flips
 *    it.  The paper's TDGL (eq 2) relaxes P to this linear response in a paraelectric, so
 *    we use the relaxed (static) polarization.
 *
 * 4. Potential: div(-eps grad phi + P) = 0, i.e. eps lap phi = div P (bound charge
 *    -div P, and P.n on the surface), with electric short-circuit electrodes as in the
 *    paper's Methods: its film (480 dz) lies between 10 dz of substrate and 10 dz of AIR,
 *    and the short circuit is applied at the box faces.  So the bottom electrode (depth
 *    t) is at 0 and the short-circuit plane carrying the tip potential (bias where the
 *    tip touches, |x| < a, 0 elsewhere) lies air_gap = 10 dz = 0.98 nm ABOVE the film
 *    surface; the gap (eps0, no charge) is solved exactly per Fourier mode, which gives a
 *    Robin condition on the surface (D normal continuous, no free surface charge).
 *    Why it matters (issue 7, the ring): with phi = 0 on the whole film surface (air_gap
 *    = 0, our first version) the surface is an electrode that screens the surface bound
 *    charge P.n, the Boltzmann factor exp(-psi) is 1 all along the surface, and the
 *    quasi-steady surface cannot be depleted under the tip at all: vacancies only sank
 *    ~2 nm into the well where E_z turns up, and the surface minimum sat in a ring at
 *    1-1.4 a fed by the inward E_x.  The free surface of SrTiO3 is a dielectric face to
 *    air, not a metal: with the gap, the upward P under the tip leaves a positive bound
 *    charge that raises the surface potential there (+0.12 V at 4 uN), E_z points down
 *    through the whole polarized layer (the paper's Fig 3c) and the vacancies leave the
 *    surface under the tip centre for the bulk; around the contact edge P points down,
 *    the surface potential is negative (-8 mV) and E_z up: the paper's edge enrichment.
 *    The tip bias reaches the film through the same gap, i.e. screened by about
 *    1 / (1 + eps_r g / l) for a contact of size l (1/75 for l = 4 nm): this, not a
 *    fitted constant, moves the bias response from millivolts to volts (item 7).
 *    The vacancies' own charge is left out: at c0 = 3.66e20 m^-3
 *    and z = 2 it gives rho = 117 C/m^3 and a field ~ rho t / eps ~ 1e3 V/m against the
 *    ~1e8 V/m flexoelectric field, so the potential does not depend on c and eq 3 is
 *    linear.  Discretisation: cell-centred finite volumes, faces by averaging P; a DCT-II
 *    in x (Neumann sides of a cell twice as wide as the section, FFTW REDFT10/01) and a
 *    tridiagonal solve in z per mode: the exact solution of the discrete problem.  The
 *    field is computed once with the tip at the centre of the double-width cell and
 *    translated with the tip (a laterally uniform film), so a scan costs no new solve.
 *    The tip is not an equipotential contact here (the paper's phase-field box applies
 *    its potential on the box face too).  We tried a metal contact held at the bias
 *    with the gap around it (a capacitance-matrix step for the free charge on the
 *    contact cells; not kept): it screens the bound charge under the tip, so the sharp
 *    tip's surface minimum moved back to the contact edge (0.88 a, -0.76; centre
 *    -0.55), the bias acted at kT/e again (X0 0.05 V) and the force midpoint stayed at
 *    0.1 uN; only the sideways share ordering turned the paper's way (flat 0.51, sharp
 *    0.47).
 *
 * 5. Drift-diffusion, eq 3: dc/dt = div(D grad c + mu c grad phi), mu = D z e / kT
 *    (Einstein), i.e. the flux J = -D (grad c + c grad psi) with psi = z e phi / kT.
 *    Finite volumes with Scharfetter-Gummel face fluxes (Scharfetter & Gummel, IEEE TED 16
 *    (1969) 64), J = (D/h) [B(d) c_i - B(-d) c_j], d = psi_j - psi_i, B(d) = d/(e^d - 1),
 *    which are exact for a constant flux between centres and reproduce the Boltzmann
 *    equilibrium c ~ exp(-psi) exactly.  No-flux on every boundary (the paper's Nernst-
 *    Planck has no source; the surface reaction is negligible, paper p. 4).  Time step:
 *    backward Euler split by direction (Lie splitting of K = Kx + Kz, the order
 *    alternating between steps): c' = (I - dt Kz)^-1 (I - dt Kx)^-1 c, each factor a set
 *    of independent tridiagonal solves along rows or columns (Thomas algorithm, O(n)).
 *    Every factor is an M-matrix whose columns sum to one (K's columns sum to zero: flux
 *    form), so each sub-step keeps c >= 0 for ANY dt and conserves sum(c) (each line's
 *    sum is restored after elimination, whose round-off grows like eps D dt / h^2);
 *    the Boltzmann distribution is an exact fixed point of both factors because the SG
 *    fluxes vanish face by face; the scheme is an L1 contraction (unconditionally
 *    stable).  The splitting error is O(dt), the order of backward Euler itself, and zero
 *    for pure diffusion (Kx and Kz commute on a rectangle).  We first used one sparse
 *    Cholesky factorization of the full 2D backward-Euler matrix (symmetrised by
 *    c = exp(-psi/2) v); at 256 x 128 it cost 100-250 ms per factorization with the
 *    reference BLAS, against 2-4 ms per split step.
 *    Static tip: dt grows geometrically in blocks (8 steps x 12 blocks, doubling; FAST
 *    5 x 8), resolving the early drift and reaching the quasi-steady state in few steps.
 *    Scanning tip: the tip moves back and forth over scan_length (trace and retrace, as
 *    in the experiment), sampled at each step's midpoint, about one cell per step within
 *    a step budget (FULL 50-400, FAST 12-60).  Time is physical in the API; the
 *    stepper only sees the products D dt / h^2 (dimensionless).
 *
 * 6. Observables.  NVC = (c - c_base) / c_scale: uniform start c_base = c_scale = c0 (the
 *    relative change, paper Fig 3b); enriched start c_base = c0, c_scale = enrichment c0
 *    (0 pristine, 1 enriched, paper Fig 2b).  "Surface" means the average over the top
 *    surface_depth (KPFM sees the surface; at least one cell).  max_depletion /
 *    max_enrichment: extrema of the surface NVC change (paper's Delta_dec / Delta_inc,
 *    Fig 4e-f), the change taken against the same film evolved without the tip (the
 *    paper subtracts the background, Fig 2e; an enriched layer also sinks into the bulk
 *    by itself).  gain_drop_ratio: the paper's KPFM estimate (p. 3 and p. 5), the maximum
 *    net gain of the surface NVC over its maximum net drop (blunt tip 0.2 / 0.25, sharp
 *    0.1 / 0.3 at 5.7 uN); for a static tip it exceeds 1 when a narrow drop feeds a taller
 *    rim, so it is no fraction here.  surface_gain_ratio: vacancies gained anywhere in the
 *    surface layer over those lost from it (an inventory, not a peak ratio).
 *    removed_lateral (static tip): the net flow out of the surface layer under the
 *    contact, tallied face by face from the backward-Euler SG fluxes of every sub-step,
 *    split into sideways (within the layer) and downwards (into the bulk).  Net flows, so
 *    the diffusive exchange with the bulk of a uniform film (zero net) does not count.
 *    lateral_fraction: the same split at the START, for a uniform film (the tally's
 *    initial rate, computed from the potential: for uniform c the SG flux is pure drift).
 *    This is the paper's "fraction moved laterally": its numbers come from scans
 *    (Fig 4c-f, 1 Hz lines: the tip stays ~ms on each point, and D = 1.23e-19 m^2/s moves
 *    nothing far in that time), so each pass drains the surface in the linear, early-time
 *    regime, and the fraction sent sideways is this initial split.  Measured (4 uN, the
 *    paper's Fig 4a tips): sharp 0.21, 15 nm punch 0.38 on the 256 x 128 grid; the edge
 *    field is singular, the share grows under refinement (1024 x 512: 0.28 / 0.56,
 *    2048 x 1024: 0.31 / 0.62; halving steps point to ~1/3 and ~2/3) and the punch leads
 *    on every grid: the paper's ordering (sharp ~1/3, blunt ~80 %).  The share depends
 *    on where "sideways" is counted: most of what crosses the contact edge within the
 *    layer turns down within a nanometre (the rim's upward field pulls bulk vacancies
 *    up there too), so with the side faces 1 nm outside the contact it drops to
 *    0.05-0.1 (flat still ahead on the finer grids: 0.095 / 0.051 at 1024 x 512).  We
 *    count at the contact edge: the paper's "moved with the tip".  A Hertzian blunt
 *    SPHERE (R = 300 nm, 9.5 uN) has no pressure edge and sends only 0.09-0.14 sideways:
 *    the paper's R > 200 nm tip acts as a flat contact, which the punch models.  The run's
 *    own tally (removed_lateral) at the quasi-steady state goes the other way (below).
 *
 * 7. Sweeps: a static tip, uniform start, for 0..sweep_force_max (grounded tip) and
 *    0..sweep_bias_max at sweep_bias_force (the paper scanned the bias at 0.6 uN), the
 *    points spaced quadratically (dense near zero, where a few kT/e already drive).  The
 *    value is the surface-layer concentration under the central half of the contact
 *    (|x| < a/2, clear of the edge rim) relative to its start
 *    (an enriched surface's NVC, from ~1 to ~0 as in Fig 2c), fitted with eq 1,
 *    f = A2 + (A1 - A2) / (1 + exp((x - X0) / M)), by GSL's trust-region nonlinear least
 *    squares.  The paper's Table 1 (electrical A1 0.86, A2 0.03, X0 2.6 V, M 0.6 V;
 *    mechanical 0.93, 0.004, 6.8 uN, 1.9 uN) gives X0_el / X0_mech = 0.38 V/uN (paper:
 *    0.4) and the "0.9 A1" onsets f(x) = 0.9 A1: 1.31 V and 2.63 uN (paper: 1.3 V and
 *    2.7 uN; 2.7 is within Table 1's +-0.1 on X0 and M, e.g. X0 = 6.87 uN).
 *
 * 8. Recovery (paper Fig 1f, "Fick's 2nd law"): S(t) = M_t / M_inf of a sheet of
 *    thickness l open at the surface and closed at the electrode (Crank 1975, eq 4.18
 *    with thickness 2l -> l): S = 1 - sum 8/((2n+1)^2 pi^2) exp(-(2n+1)^2 pi^2 D t/4l^2),
 *    semi-parabolic (S ~ 2 sqrt(D t / pi) / l) at short times as the paper states.  We
 *    also integrate the same problem numerically (1D finite volumes, backward Euler) and
 *    fit D to it; the fit recovers the input D to the discretisation error.
 *
 * What the model gives, against the paper (measured, FULL grid; see the tests):
 *  - Sharp tip, 4 uN, static, 100 s: the surface NVC falls to -0.99 over |x| < 0.8 a
 *    (minimum on the axis), E_z points down under the whole contact (Fig 3c), and the
 *    surface around the edge is enriched (+1.9 at 1.3 a; Fig 3b).  The flat punch
 *    depletes its centre little (-0.12; Fig 4b: weak downward field) and its inner edge
 *    most (-0.72).  The sideways share of a passing
 *    (scanning) tip, lateral_fraction, is larger for the punch (0.38 against 0.21,
 *    item 6), as the paper found.  After a long static dwell the run's own tally turns
 *    round: the sideways share of the net outflow is 0.59 (sharp) and 0.31 (flat) at
 *    100 s, because the sharp tip emptied its centre early (the downward drain stops)
 *    while its steep hill rim (+0.12 V, E_x ~ 3e7 V/m outward) keeps feeding the edge rim
 *    from the layer and the bulk.  The 2D section cannot let vacancies pass round a
 *    moving tip, so a scan here bulldozes them ahead of it.
 *  - Sweeps (static tip, 100 s, item 7): bias midpoint X0 = 0.78 V (FAST 0.92 V): volts,
 *    because the bias reaches the film through the air gap (item 4); with the surface as
 *    the electrode (air_gap = 0) it is 0.014 V (~kT/(2e)).  The force response however
 *    saturates at ~0.03 uN (X0; paper 6.8 uN, M 1.9 uN): under a Hertz sphere the strain
 *    gradient ~ p0 / (E* a) = 2 / (pi R) does not grow with F, only the contact does
 *    (a ~ F^1/3), and the unscreened surface potential is already several kT/e at
 *    0.03 uN (with air_gap = 0: X0 = 3.8 uN).  The simulated equivalence X0_el / X0_mech
 *    is thus ~30 V/uN (0.004 with the grounded surface) against the paper's 0.4: not
 *    reproduced.  A shorter dwell (the experiment scans) does not rescue it: the force
 *    midpoint stays near 0.05 uN (10 s: 0.044 uN; 1 s: 0.051 uN, the curve then only
 *    0.79 -> 0.76 over 1.4-10 uN) while the bias midpoint grows (10 s: 1.7 V; 1 s:
 *    2.4 V, extrapolated from 0.79 -> 0.65 over 5 V).  The paper ties its onsets (1.3 V,
 *    2.7 uN) to a migration barrier of 1-1.4 V, i.e. activated, field-assisted hopping,
 *    which eq 3 (linear drift at mobility D z e / kT) does not contain.  At 0.6 uN and
 *    0 V the model already empties the centre (0.04 left, FULL; the paper's A1 = 0.86),
 *    so the simulated bias curve only finishes that.  Kinetics cannot be the missing
 *    scale either: the fastest drift here is D z e E / kT ~ 0.3 nm/s (E ~ 3e7 V/m), so
 *    during the experiment's contact dwell (1 Hz lines over ~um: ~ms to 10 ms per
 *    point, our estimate) eq 3 with the paper's D moves vacancies by picometres.
 *    The flat punch is different: its contact radius is fixed, so the pressure and the
 *    strain gradient grow with F.  With the paper's Fig 4a punch (15 nm) the force
 *    sweep falls like Table 1's: X0 = 4.7 uN, M = 1.8 uN (FULL and FAST alike; paper
 *    6.8 and 1.9 uN), the 0.9 A1 onset at 3.0 uN (paper 2.7), X0 = 3.2 / 5.1 uN for
 *    10 / 25 nm punches; its bias midpoint is 0.81 V, so X0_el / X0_mech = 0.17 V/uN
 *    (paper 0.4).  Under several uN a 25 nm sphere is far past yield (p0 ~ 40 GPa), so
 *    a contact of fixed size is the likelier picture of the experiment's tip; the paper
 *    does not give its tip's shape under load.
 *  - Plane strain overestimates the deep field (1/r decay).
 *
 * Units SI; energies via kT/e in volts.
 */
#include "flx-vacancy.h"
#include "flx-elastic.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <fftw3.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_multifit_nlinear.h>
#include <gsl/gsl_vector.h>


#define EPS0 8.8541878128e-12 /* F/m */
#define KB_E 8.617333262e-5   /* k_B / e, V/K */

/* ---- parameters ---------------------------------------------------------------------- */

void
flx_vacancy_params_init (FlxVacancyParams *p)
{
  memset (p, 0, sizeof *p);
  p->tip = FLX_VACANCY_TIP_SPHERICAL;
  p->tip_radius = 25e-9;      /* paper: sharp tip, 25 nm */
  p->contact_radius = 15e-9;  /* paper Fig 4a: flat-ended tip, 15 nm */
  p->force = 4e-6;            /* paper's simulation: 4 uN */
  p->bias = 0.0;
  p->time = 100.0;
  p->scan_speed = 0.0;
  p->scan_length = 0.0;       /* 0 = width / 2 */
  p->thickness = 46.9e-9;     /* 120 unit cells (paper) */
  p->width = 0.0;
  p->diffusivity = 1.23e-19;  /* Methods: 1.23e-15 cm^2/s */
  p->f_eff = 1.0;             /* P ~ 0.06 C/m^2 under the tip at 4 uN (paper Fig 3a: 0.04) */
  p->eps_r = 300.0;           /* SrTiO3 at room temperature */
  p->air_gap = 1e-9;          /* Methods: 10 dz of air over the 480 dz film, 0.98 nm */
  p->c11 = 318e9;             /* Bell & Rupprecht 1963 (as flx-materials) */
  p->c12 = 103e9;
  p->c44 = 124e9;
  p->tip_young = 0.0;         /* same as the film: reproduces the paper's 8 nm */
  p->tip_poisson = 0.0;
  p->temperature = 300.0;
  p->charge = 2.0;
  p->c0 = 3.66e20;            /* Methods: 3.66e14 cm^-3 */
  p->initial = FLX_VACANCY_INIT_UNIFORM;
  p->enrichment = 1.0;
  p->enriched_depth = 5e-9;
  p->surface_depth = 1e-9;
  p->punch_edge = 0.2;
  p->sweeps = true;
  p->sweep_force_max = 10e-6;
  p->sweep_bias_max = 5.0;    /* paper Fig 2a: 0-5 V */
  p->sweep_bias_force = 0.6e-6; /* paper Fig 2a: 0.6 uN */
  p->recovery = true;
}

#define CHECK(cond, ...) \
  do { if (!(cond)) return flx_set_error (errmsg, errmsg_len, FLX_E_PARAM, __VA_ARGS__); } while (0)

FlxStatus
flx_vacancy_params_check (const FlxVacancyParams *p, char *errmsg, size_t errmsg_len)
{
  CHECK (p != NULL, "no parameters");
  CHECK (p->tip == FLX_VACANCY_TIP_SPHERICAL || p->tip == FLX_VACANCY_TIP_FLAT, "unknown tip shape");
  CHECK (isfinite (p->tip_radius) && p->tip_radius > 0, "tip radius must be positive");
  CHECK (isfinite (p->contact_radius) && p->contact_radius > 0, "punch radius must be positive");
  CHECK (isfinite (p->force) && p->force >= 0, "force must be >= 0");
  CHECK (isfinite (p->bias) && fabs (p->bias) <= 100, "bias must be within +-100 V");
  CHECK (isfinite (p->time) && p->time > 0, "time must be positive");
  CHECK (isfinite (p->scan_speed) && p->scan_speed >= 0, "scan speed must be >= 0");
  CHECK (isfinite (p->thickness) && p->thickness > 0, "thickness must be positive");
  CHECK (isfinite (p->width) && p->width >= 0, "width must be >= 0");
  CHECK (isfinite (p->scan_length) && p->scan_length >= 0, "scan length must be >= 0");
  CHECK (isfinite (p->diffusivity) && p->diffusivity > 0, "diffusivity must be positive");
  CHECK (isfinite (p->f_eff) && fabs (p->f_eff) <= 1e4, "f_eff must be finite");
  CHECK (isfinite (p->eps_r) && p->eps_r >= 1, "eps_r must be >= 1");
  CHECK (isfinite (p->air_gap) && p->air_gap >= 0 && p->air_gap <= 1e-6,
         "air gap must be in [0, 1 um]");
  CHECK (isfinite (p->c11) && isfinite (p->c12) && isfinite (p->c44) && p->c44 > 0
         && p->c11 > p->c12, "c11 > c12 and c44 > 0 required");
  CHECK (isfinite (p->tip_young) && p->tip_young >= 0, "tip modulus must be >= 0");
  CHECK (isfinite (p->tip_poisson) && p->tip_poisson > -1 && p->tip_poisson < 0.5,
         "tip Poisson ratio must be in (-1, 0.5)");
  CHECK (isfinite (p->temperature) && p->temperature > 0, "temperature must be positive");
  CHECK (isfinite (p->charge) && p->charge > 0, "charge number must be positive");
  CHECK (isfinite (p->c0) && p->c0 > 0, "c0 must be positive");
  CHECK (p->initial == FLX_VACANCY_INIT_UNIFORM || p->initial == FLX_VACANCY_INIT_ENRICHED,
         "unknown initial state");
  CHECK (isfinite (p->enrichment) && p->enrichment > 0, "enrichment must be positive");
  CHECK (isfinite (p->enriched_depth) && p->enriched_depth > 0, "enriched depth must be positive");
  CHECK (isfinite (p->surface_depth) && p->surface_depth >= 0, "surface depth must be >= 0");
  CHECK (isfinite (p->punch_edge) && p->punch_edge > 0 && p->punch_edge <= 10,
         "punch edge rounding must be in (0, 10]");
  CHECK (p->nx == 0 || (p->nx >= 8 && p->nx <= 4096 && p->nx % 2 == 0),
         "nx must be 0 or even in [8, 4096]");
  CHECK (p->nz == 0 || (p->nz >= 4 && p->nz <= 2048), "nz must be 0 or in [4, 2048]");
  CHECK (p->steps <= 1000000, "too many steps");
  CHECK (p->sweep_points == 0 || (p->sweep_points >= 5 && p->sweep_points <= 200),
         "sweep points must be 0 or in [5, 200]");
  CHECK (isfinite (p->sweep_force_max) && p->sweep_force_max > 0, "sweep force must be positive");
  CHECK (isfinite (p->sweep_bias_max) && p->sweep_bias_max > 0, "sweep bias must be positive");
  CHECK (isfinite (p->sweep_bias_force) && p->sweep_bias_force >= 0, "sweep bias force must be >= 0");
  return FLX_OK;
}

void
flx_vacancy_result_clear (FlxVacancyResult *r)
{
  if (r == NULL)
    return;
  free (r->nvc); free (r->dnvc); free (r->potential);
  free (r->field_x); free (r->field_z); free (r->pol_x); free (r->pol_z);
  free (r->surface_x); free (r->surface_dnvc); free (r->surface_nvc);
  free (r->sweep_force); free (r->sweep_force_nvc); free (r->sweep_bias); free (r->sweep_bias_nvc);
  free (r->recovery_t); free (r->recovery_s); free (r->recovery_sim);
  free (r->frame_time); free (r->frame_tip_x); free (r->frame_nvc);
  memset (r, 0, sizeof *r);
}

/* ---- contact ---------------------------------------------------------------------- */

static void
film_young (const FlxVacancyParams *p, double *E, double *nu)
{
  double mu = (p->c11 - p->c12 + 3.0 * p->c44) / 5.0;
  double lam = (p->c11 + 4.0 * p->c12 - 2.0 * p->c44) / 5.0;
  *E = mu * (3.0 * lam + 2.0 * mu) / (lam + mu);
  *nu = lam / (2.0 * (lam + mu));
}

double
flx_vacancy_reduced_modulus (const FlxVacancyParams *p)
{
  double E, nu;
  film_young (p, &E, &nu);
  double Et = p->tip_young > 0 ? p->tip_young : E;
  double nut = p->tip_young > 0 ? p->tip_poisson : nu;
  return 1.0 / ((1.0 - nu * nu) / E + (1.0 - nut * nut) / Et);
}

void
flx_vacancy_hertz (double force, double R, double e_star, double *a, double *p0)
{
  double aa = force > 0 ? cbrt (3.0 * force * R / (4.0 * e_star)) : 0.0;
  if (a) *a = aa;
  if (p0) *p0 = aa > 0 ? 3.0 * force / (2.0 * M_PI * aa * aa) : 0.0;
}

/* Rounded flat punch: p(r) = C sqrt(a^2 - r^2) / (a^2 - r^2 + delta^2) for r < a.  It
 * tends to the ideal punch F / (2 pi a sqrt(a^2 - r^2)) (Johnson eq 3.36) as delta -> 0
 * but falls continuously to zero at the edge: a pressure step would make the strain
 * gradient, and with it the edge trap for vacancies, grow without bound under grid
 * refinement.  delta models the edge rounding of a real blunt tip. */
static double
punch_shape (double r, double a, double delta)
{
  double u = a * a - r * r;
  return u > 0 ? sqrt (u) / (u + delta * delta) : 0.0;
}

/* C such that the 3D load int 2 pi r p dr is F (midpoint rule in u = sqrt(a^2 - r^2),
 * where the integrand 2 pi u^2 / (u^2 + delta^2) is smooth). */
static double
punch_constant (double force, double a, double delta)
{
  const int N = 4000;
  double s = 0;
  for (int k = 0; k < N; k++)
    {
      double u = (k + 0.5) * a / N;
      s += 2.0 * M_PI * u * u / (u * u + delta * delta) * (a / N);
    }
  return force / s;
}

/* Cell average of the contact pressure over [xl, xr]: exact for Hertz, 64-point midpoint
 * in the angle x = a sin(theta) for the punch (smooth integrand). */
static double
pressure_cell (FlxVacancyTip tip, double a, double p0, double C, double delta, double xl,
               double xr)
{
  if (!(a > 0) || xr <= -a || xl >= a)
    return 0.0;
  double sl = fmax (xl, -a) / a, sr = fmin (xr, a) / a;
  double I;
  if (tip == FLX_VACANCY_TIP_SPHERICAL)
    {
      /* int p0 sqrt(1 - s^2) a ds */
      double F = (sr * sqrt (fmax (0.0, 1 - sr * sr)) + asin (sr))
                 - (sl * sqrt (fmax (0.0, 1 - sl * sl)) + asin (sl));
      I = p0 * a * 0.5 * F;
    }
  else
    {
      double tl = asin (sl), tr = asin (sr), h = (tr - tl) / 64.0;
      I = 0;
      for (int k = 0; k < 64; k++)
        {
          double th = tl + (k + 0.5) * h;
          I += C * punch_shape (a * sin (th), a, delta) * a * cos (th) * h;
        }
    }
  return I / (xr - xl);
}

/* ---- sigmoid ---------------------------------------------------------------------- */

void
flx_vacancy_table1_electrical (double c[4])
{
  c[0] = 0.86; c[1] = 0.03; c[2] = 2.6; c[3] = 0.6;          /* V */
}

void
flx_vacancy_table1_mechanical (double c[4])
{
  c[0] = 0.93; c[1] = 0.004; c[2] = 6.8e-6; c[3] = 1.9e-6;   /* N */
}

double
flx_vacancy_sigmoid (const double c[4], double x)
{
  double e = (x - c[2]) / c[3];
  if (e > 700) return c[1];
  return c[1] + (c[0] - c[1]) / (1.0 + exp (e));
}

double
flx_vacancy_sigmoid_onset (const double c[4], double level)
{
  double y = level * c[0];
  double r = (c[0] - c[1]) / (y - c[1]) - 1.0; /* = exp((x - X0)/M) */
  if (!(r > 0) || !isfinite (r))
    return NAN;
  return c[2] + c[3] * log (r);
}

/* The parameter vector is (A1, A2, X0/xs, M/xs), or (A2, X0/xs, M/xs) with A1 held. */
typedef struct { const double *x, *y; size_t n; double xs; bool fix_a1; double a1; } SigData;

static void
sig_unpack (const SigData *d, const gsl_vector *q, double c[4])
{
  size_t o = d->fix_a1 ? 1 : 0;
  c[0] = d->fix_a1 ? d->a1 : gsl_vector_get (q, 0);
  c[1] = gsl_vector_get (q, 1 - o);
  c[2] = gsl_vector_get (q, 2 - o);
  c[3] = gsl_vector_get (q, 3 - o);
  if (c[3] == 0)
    c[3] = 1e-12;
}

static int
sig_f (const gsl_vector *q, void *data, gsl_vector *f)
{
  SigData *d = data;
  double c[4];
  sig_unpack (d, q, c);
  for (size_t i = 0; i < d->n; i++)
    gsl_vector_set (f, i, flx_vacancy_sigmoid (c, d->x[i] / d->xs) - d->y[i]);
  return GSL_SUCCESS;
}

static int
sig_df (const gsl_vector *q, void *data, gsl_matrix *J)
{
  SigData *d = data;
  double c[4];
  sig_unpack (d, q, c);
  size_t o = d->fix_a1 ? 1 : 0;
  for (size_t i = 0; i < d->n; i++)
    {
      double x = d->x[i] / d->xs;
      double e = (x - c[2]) / c[3];
      double g = e > 700 ? 0.0 : 1.0 / (1.0 + exp (e));      /* 1/(1+E) */
      double dg = e > 700 ? 0.0 : -g * (1.0 - g);            /* d g / d e */
      if (!d->fix_a1)
        gsl_matrix_set (J, i, 0, g);
      gsl_matrix_set (J, i, 1 - o, 1.0 - g);
      gsl_matrix_set (J, i, 2 - o, (c[0] - c[1]) * dg * (-1.0 / c[3]));
      gsl_matrix_set (J, i, 3 - o, (c[0] - c[1]) * dg * (-e / c[3]));
    }
  return GSL_SUCCESS;
}

static FlxStatus
sigmoid_fit (const double *x, const double *y, size_t n, double c[4], bool guess,
             bool fix_a1)
{
  if (x == NULL || y == NULL || c == NULL || n < 5)
    return FLX_E_PARAM;
  double xmin = x[0], xmax = x[0], ymin = y[0], ymax = y[0];
  for (size_t i = 0; i < n; i++)
    {
      if (!isfinite (x[i]) || !isfinite (y[i]))
        return FLX_E_PARAM;
      xmin = fmin (xmin, x[i]); xmax = fmax (xmax, x[i]);
      ymin = fmin (ymin, y[i]); ymax = fmax (ymax, y[i]);
    }
  if (!(xmax > xmin) || !(ymax - ymin > 1e-3) || (fix_a1 && !isfinite (c[0])))
    return FLX_E_DIVERGED; /* flat data: no sigmoid to fit */
  double xs = xmax - xmin; /* fit in x / xs for conditioning */
  double q0[4];
  if (guess)
    {
      q0[0] = c[0]; q0[1] = c[1]; q0[2] = c[2] / xs; q0[3] = c[3] / xs;
    }
  else
    {
      q0[0] = fix_a1 ? c[0] : y[0]; q0[1] = y[n - 1];
      double mid = 0.5 * (q0[0] + y[n - 1]);
      q0[2] = 0.5 * (xmin + xmax) / xs;
      for (size_t i = 0; i + 1 < n; i++)
        if ((y[i] - mid) * (y[i + 1] - mid) <= 0 && y[i] != y[i + 1])
          {
            q0[2] = (x[i] + (mid - y[i]) / (y[i + 1] - y[i]) * (x[i + 1] - x[i])) / xs;
            break;
          }
      q0[3] = (y[n - 1] < q0[0] ? 1.0 : -1.0) * 0.1;
    }
  size_t np = fix_a1 ? 3 : 4;
  SigData d = { x, y, n, xs, fix_a1, c[0] };
  gsl_multifit_nlinear_fdf fdf = { sig_f, sig_df, NULL, n, np, &d, 0, 0, 0 };
  gsl_multifit_nlinear_parameters fp = gsl_multifit_nlinear_default_parameters ();
  gsl_multifit_nlinear_workspace *w =
    gsl_multifit_nlinear_alloc (gsl_multifit_nlinear_trust, &fp, n, np);
  if (w == NULL)
    return FLX_E_NOMEM;
  gsl_vector_view qv = gsl_vector_view_array (q0 + (fix_a1 ? 1 : 0), np);
  int info = 0;
  int st = gsl_multifit_nlinear_init (&qv.vector, &fdf, w);
  if (st == GSL_SUCCESS)
    st = gsl_multifit_nlinear_driver (200, 1e-10, 1e-10, 1e-12, NULL, NULL, &info, w);
  FlxStatus ret = FLX_OK;
  if (st != GSL_SUCCESS && st != GSL_EMAXITER)
    ret = FLX_E_DIVERGED;
  else
    {
      double r[4];
      sig_unpack (&d, gsl_multifit_nlinear_position (w), r);
      c[0] = r[0]; c[1] = r[1]; c[2] = r[2] * xs; c[3] = r[3] * xs;
      for (int k = 0; k < 4; k++)
        if (!isfinite (c[k]))
          ret = FLX_E_DIVERGED;
    }
  gsl_multifit_nlinear_free (w);
  return ret;
}

FlxStatus
flx_vacancy_sigmoid_fit (const double *x, const double *y, size_t n, double c[4], bool guess)
{
  return sigmoid_fit (x, y, n, c, guess, false);
}

FlxStatus
flx_vacancy_sigmoid_fit_a1 (const double *x, const double *y, size_t n, double c[4])
{
  return sigmoid_fit (x, y, n, c, false, true);
}

/* ---- recovery --------------------------------------------------------------------- */

double
flx_vacancy_recovery (double t, double D, double l)
{
  if (!(t > 0))
    return 0.0;
  double tau = D * t / (l * l);
  if (tau < 1e-3) /* short times: the series converges slowly; erfc images, 1e-12 exact */
    return 2.0 * sqrt (tau / M_PI);
  double s = 0;
  for (int n = 0; n < 10000; n++)
    {
      double m = 2.0 * n + 1.0;
      double e = m * m * M_PI * M_PI * tau / 4.0;
      if (e > 60)
        break;
      s += 8.0 / (m * m * M_PI * M_PI) * exp (-e);
    }
  return 1.0 - s;
}

typedef struct { const double *t, *s; size_t n; double l, d0; } RecData;

static int
rec_f (const gsl_vector *q, void *data, gsl_vector *f)
{
  RecData *d = data;
  double D = d->d0 * exp (gsl_vector_get (q, 0));
  for (size_t i = 0; i < d->n; i++)
    gsl_vector_set (f, i, flx_vacancy_recovery (d->t[i], D, d->l) - d->s[i]);
  return GSL_SUCCESS;
}

FlxStatus
flx_vacancy_recovery_fit (const double *t, const double *s, size_t n, double l, double guess,
                          double *D)
{
  if (t == NULL || s == NULL || D == NULL || n < 2 || !(l > 0))
    return FLX_E_PARAM;
  if (!(guess > 0))
    {
      /* short-time law S = 2 sqrt(D t / pi) / l at the first positive sample */
      guess = 1e-20;
      for (size_t i = 0; i < n; i++)
        if (t[i] > 0 && s[i] > 0 && s[i] < 0.5)
          {
            guess = M_PI * pow (s[i] * l / 2.0, 2) / t[i];
            break;
          }
    }
  RecData d = { t, s, n, l, guess };
  gsl_multifit_nlinear_fdf fdf = { rec_f, NULL, NULL, n, 1, &d, 0, 0, 0 };
  gsl_multifit_nlinear_parameters fp = gsl_multifit_nlinear_default_parameters ();
  gsl_multifit_nlinear_workspace *w =
    gsl_multifit_nlinear_alloc (gsl_multifit_nlinear_trust, &fp, n, 1);
  if (w == NULL)
    return FLX_E_NOMEM;
  double q0 = 0;
  gsl_vector_view qv = gsl_vector_view_array (&q0, 1);
  int info = 0;
  int st = gsl_multifit_nlinear_init (&qv.vector, &fdf, w);
  if (st == GSL_SUCCESS)
    st = gsl_multifit_nlinear_driver (200, 1e-12, 1e-12, 1e-14, NULL, NULL, &info, w);
  FlxStatus ret = FLX_OK;
  if (st != GSL_SUCCESS && st != GSL_EMAXITER)
    ret = FLX_E_DIVERGED;
  else
    {
      *D = guess * exp (gsl_vector_get (gsl_multifit_nlinear_position (w), 0));
      if (!isfinite (*D))
        ret = FLX_E_DIVERGED;
    }
  gsl_multifit_nlinear_free (w);
  return ret;
}

/* 1D backward-Euler finite volumes for the recovery problem: u = 0 at t = 0, u = 1 on
 * the open surface (face Dirichlet), no flux at the electrode.  S = mean(u) at times t[]. */
static FlxStatus
recovery_simulate (double D, double l, const double *t, size_t nt, double *S)
{
  const size_t N = 100;
  double h = l / N, tmax = t[nt - 1];
  size_t steps = 3000;
  double dt = tmax / steps;
  double *u = calloc (N, sizeof *u), *cp = malloc (N * sizeof *cp), *dp = malloc (N * sizeof *dp);
  if (!u || !cp || !dp)
    {
      free (u); free (cp); free (dp);
      return FLX_E_NOMEM;
    }
  double k = D * dt / (h * h);
  size_t it = 0;
  double time = 0;
  for (size_t s = 1; s <= steps && it < nt; s++)
    {
      /* rows: i = 0: (1 + 3k) u0 - k u1 = u0 + 2k * 1; interior (1 + 2k); last (1 + k) */
      for (size_t i = 0; i < N; i++)
        {
          double a = i > 0 ? -k : 0, c = i + 1 < N ? -k : 0;
          double b = 1.0 + (i == 0 ? 3 * k : 2 * k) - (i + 1 == N ? k : 0);
          double r = u[i] + (i == 0 ? 2 * k : 0);
          if (i == 0) { cp[0] = c / b; dp[0] = r / b; }
          else
            {
              double m = b - a * cp[i - 1];
              cp[i] = c / m;
              dp[i] = (r - a * dp[i - 1]) / m;
            }
        }
      u[N - 1] = dp[N - 1];
      for (size_t i = N - 1; i-- > 0;)
        u[i] = dp[i] - cp[i] * u[i + 1];
      double tn = s * dt;
      while (it < nt && t[it] <= tn + 1e-12 * tmax)
        {
          /* linear interpolation in time between steps is not needed: samples on steps */
          double m = 0;
          for (size_t i = 0; i < N; i++)
            m += u[i];
          S[it++] = m / N;
        }
      time = tn;
    }
  (void) time;
  while (it < nt)
    S[it++] = NAN;
  free (u); free (cp); free (dp);
  return FLX_OK;
}

/* ---- drift-diffusion stepper ------------------------------------------------------ */

/* Each face f between cells i (left/top) and j (right/below) carries the SG flux
 * J = fa c_i - fb c_j (per step, D dt / h^2 included), fa = k B(d), fb = k B(-d). */
struct _FlxVacancyStepper {
  size_t nx, nz, n;
  double dx, dz;
  double *xa, *xb;   /* (nx - 1) * nz x-faces, [j * (nx - 1) + i] between i and i + 1 */
  double *za, *zb;   /* nx * (nz - 1) z-faces, [j * nx + i] between rows j and j + 1 */
  double *cp, *dp;   /* Thomas scratch, max (nx, nz) */
  unsigned parity;   /* alternates the sweep order */
  bool ready;
  /* optional tally of the net flow out of the block of rows < tal_ns, columns i0..i1:
   * through its sides (tal_lat) and its bottom (tal_bulk), in c times cells */
  size_t tal_i0, tal_i1, tal_ns;
  double tal_lat, tal_bulk;
};

static double
bern (double d) /* d / (e^d - 1) */
{
  if (fabs (d) < 1e-8)
    return 1.0 - 0.5 * d;
  if (d > 745)
    return 0.0;
  if (d < -700)
    return -d;
  return d / expm1 (d);
}

FlxVacancyStepper *
flx_vacancy_stepper_new (size_t nx, size_t nz, double dx, double dz)
{
  if (nx < 1 || nz < 1 || nx * nz < 2 || !(dx > 0) || !(dz > 0))
    return NULL;
  FlxVacancyStepper *s = calloc (1, sizeof *s);
  if (s == NULL)
    return NULL;
  s->nx = nx; s->nz = nz; s->n = nx * nz; s->dx = dx; s->dz = dz;
  size_t nxf = (nx - 1) * nz + 1, nzf = nx * (nz - 1) + 1, m = nx > nz ? nx : nz;
  s->xa = malloc (nxf * sizeof (double)); s->xb = malloc (nxf * sizeof (double));
  s->za = malloc (nzf * sizeof (double)); s->zb = malloc (nzf * sizeof (double));
  s->cp = malloc (m * sizeof (double)); s->dp = malloc (m * sizeof (double));
  if (!s->xa || !s->xb || !s->za || !s->zb || !s->cp || !s->dp)
    {
      flx_vacancy_stepper_free (s);
      return NULL;
    }
  return s;
}

void
flx_vacancy_stepper_free (FlxVacancyStepper *s)
{
  if (s == NULL)
    return;
  free (s->xa); free (s->xb); free (s->za); free (s->zb); free (s->cp); free (s->dp);
  free (s);
}

FlxStatus
flx_vacancy_stepper_set (FlxVacancyStepper *s, const double *psi, double d_dt)
{
  if (s == NULL || !(d_dt >= 0) || !isfinite (d_dt))
    return FLX_E_PARAM;
  size_t nx = s->nx, nz = s->nz;
  double kx = d_dt / (s->dx * s->dx), kz = d_dt / (s->dz * s->dz);
  s->ready = false;
  for (size_t j = 0; j < nz; j++)
    for (size_t i = 0; i + 1 < nx; i++)
      {
        size_t q = j * nx + i;
        double d = psi ? psi[q + 1] - psi[q] : 0.0;
        if (!isfinite (d))
          return FLX_E_DIVERGED;
        s->xa[j * (nx - 1) + i] = kx * bern (d);
        s->xb[j * (nx - 1) + i] = kx * bern (-d);
      }
  for (size_t j = 0; j + 1 < nz; j++)
    for (size_t i = 0; i < nx; i++)
      {
        size_t q = j * nx + i;
        double d = psi ? psi[q + nx] - psi[q] : 0.0;
        if (!isfinite (d))
          return FLX_E_DIVERGED;
        s->za[q] = kz * bern (d);
        s->zb[q] = kz * bern (-d);
      }
  s->ready = true;
  return FLX_OK;
}

/* Solves (I - dt K_line) c' = c in place along one line of m cells with stride st; face k
 * (between cells k and k + 1) has coefficients fa[k * fs], fb[k * fs]. */
static void
line_solve (double *c, size_t m, size_t st, const double *fa, const double *fb, size_t fs,
            double *cp, double *dp)
{
  if (m < 2)
    return;
  double s0 = 0, s1 = 0;
  for (size_t k = 0; k < m; k++)
    s0 += c[k * st];
  for (size_t k = 0; k < m; k++)
    {
      double lo = k > 0 ? -fa[(k - 1) * fs] : 0.0;       /* coefficient of c_{k-1} */
      double up = k + 1 < m ? -fb[k * fs] : 0.0;          /* coefficient of c_{k+1} */
      double di = 1.0 + (k + 1 < m ? fa[k * fs] : 0.0) + (k > 0 ? fb[(k - 1) * fs] : 0.0);
      double r = c[k * st];
      if (k == 0)
        {
          cp[0] = up / di;
          dp[0] = r / di;
        }
      else
        {
          double mm = di - lo * cp[k - 1];
          cp[k] = up / mm;
          dp[k] = (r - lo * dp[k - 1]) / mm;
        }
    }
  double v = dp[m - 1];
  c[(m - 1) * st] = v;
  s1 = v;
  for (size_t k = m - 1; k-- > 0;)
    {
      v = dp[k] - cp[k] * v;
      c[k * st] = v;
      s1 += v;
    }
  /* The column sums of the line matrix are exactly one, so the line's total is known:
   * s0.  Elimination reproduces it only to ~ eps (1 + D dt / h^2) (2e-10 at D dt / h^2 =
   * 1e6); rescaling by s0 / s1, a correction of that size, restores it to eps and keeps
   * the sign. */
  if (s1 > 0 && s0 > 0)
    {
      double f = s0 / s1;
      for (size_t k = 0; k < m; k++)
        c[k * st] *= f;
    }
}

static void
stepper_tally (FlxVacancyStepper *s, size_t i0, size_t i1, size_t ns)
{
  s->tal_i0 = i0; s->tal_i1 = i1; s->tal_ns = ns;
  s->tal_lat = s->tal_bulk = 0;
}

/* The flux a sub-step moved through a face: the backward-Euler SG flux at the new
 * values, J = fa c'_i - fb c'_j (line_solve's balance c'_k - c_k = J_in - J_out). */
static void
tally_pass (FlxVacancyStepper *s, const double *c, bool xdir)
{
  size_t nx = s->nx, i0 = s->tal_i0, i1 = s->tal_i1;
  if (xdir)
    for (size_t j = 0; j < s->tal_ns; j++)
      {
        size_t fl = j * (nx - 1) + i0 - 1, fr = j * (nx - 1) + i1, q = j * nx;
        s->tal_lat += s->xa[fr] * c[q + i1] - s->xb[fr] * c[q + i1 + 1];
        s->tal_lat -= s->xa[fl] * c[q + i0 - 1] - s->xb[fl] * c[q + i0];
      }
  else
    for (size_t i = i0; i <= i1; i++)
      {
        size_t q = (s->tal_ns - 1) * nx + i;
        s->tal_bulk += s->za[q] * c[q] - s->zb[q] * c[q + nx];
      }
}

/* One step with the sweep order of the given parity. */
static FlxStatus
stepper_apply (FlxVacancyStepper *s, double *c, unsigned parity)
{
  if (s == NULL || c == NULL || !s->ready)
    return FLX_E_PARAM;
  size_t nx = s->nx, nz = s->nz;
  for (int pass = 0; pass < 2; pass++)
    {
      bool xdir = (pass == 0) == (parity % 2 == 0);
      if (xdir)
        for (size_t j = 0; j < nz; j++)
          line_solve (c + j * nx, nx, 1, s->xa + j * (nx - 1), s->xb + j * (nx - 1), 1,
                      s->cp, s->dp);
      else
        for (size_t i = 0; i < nx; i++)
          line_solve (c + i, nz, nx, s->za + i, s->zb + i, nx, s->cp, s->dp);
      if (s->tal_ns > 0)
        tally_pass (s, c, xdir);
    }
  for (size_t q = 0; q < s->n; q++)
    {
      if (!isfinite (c[q]))
        return FLX_E_DIVERGED;
      if (c[q] < 0) /* an M-matrix solve is >= 0; clip the sign of round-off only */
        c[q] = 0.0;
    }
  return FLX_OK;
}

FlxStatus
flx_vacancy_stepper_step (FlxVacancyStepper *s, double *c)
{
  FlxStatus st = stepper_apply (s, c, s ? s->parity : 0);
  if (st == FLX_OK)
    s->parity++;
  return st;
}


/* ---- fields: elasticity -> polarization -> potential ------------------------------ */

typedef struct {
  size_t nxe, nz;     /* double-width cell: nxe = 2 nx cells */
  double dx, dz, W;   /* W: section width; the cell spans [-W, W] */
  double *phi;        /* V, [j * nxe + ie] */
  double *phis;       /* V, nxe, potential on the film surface (the top face) */
  double *px, *pz;    /* C/m^2 */
  double a, p0;
} Fields;

static void
fields_clear (Fields *f)
{
  free (f->phi); free (f->phis); free (f->px); free (f->pz);
  memset (f, 0, sizeof *f);
}

/* Tip at x = 0, the face between cells nx - 1 and nx of the double-width cell. */
static FlxStatus
fields_compute (const FlxVacancyParams *p, double force, double bias, size_t nx, size_t nz,
                double W, Fields *f, char *errmsg, size_t errmsg_len)
{
  memset (f, 0, sizeof *f);
  size_t nxe = 2 * nx, n = nxe * nz;
  double dx = W / nx, dz = p->thickness / nz;
  f->nxe = nxe; f->nz = nz; f->dx = dx; f->dz = dz; f->W = W;
  f->phi = calloc (n, sizeof (double));
  f->phis = calloc (nxe, sizeof (double));
  f->px = calloc (n, sizeof (double));
  f->pz = calloc (n, sizeof (double));
  double *press = calloc (nxe, sizeof (double));
  double *zl = malloc (nz * sizeof (double));
  double *gz = malloc (n * sizeof (double)), *gx = malloc (n * sizeof (double));
  double *rhs = malloc (n * sizeof (double)), *vtop = malloc (nxe * sizeof (double));
  double *ptop = malloc (nxe * sizeof (double));
  double *row = fftw_malloc (nxe * sizeof (double));
  double *cp = malloc (nz * sizeof (double)), *dp = malloc (nz * sizeof (double));
  FlxStatus st = FLX_OK;
  fftw_plan fwd = NULL, bwd = NULL;
  FlxElasticWorkspace *ws = NULL;
  if (!f->phi || !f->phis || !f->px || !f->pz || !press || !zl || !gz || !gx || !rhs || !vtop
      || !ptop || !row
      || !cp || !dp)
    {
      st = flx_set_error (errmsg, errmsg_len, FLX_E_NOMEM, "out of memory");
      goto out;
    }

  /* contact */
  double a, p0;
  if (p->tip == FLX_VACANCY_TIP_SPHERICAL)
    flx_vacancy_hertz (force, p->tip_radius, flx_vacancy_reduced_modulus (p), &a, &p0);
  else
    {
      a = p->contact_radius;
      p0 = force / (M_PI * a * a); /* mean pressure */
    }
  f->a = a; f->p0 = p0;
  double delta = p->punch_edge * a;
  double C = p->tip == FLX_VACANCY_TIP_FLAT ? punch_constant (force, a, delta) : 0.0;
  for (size_t ie = 0; ie < nxe; ie++)
    {
      double xl = -W + ie * dx, xr = xl + dx;
      press[ie] = pressure_cell (p->tip, a, p0, C, delta, xl, xr);
      /* short circuit: phi = bias where the tip touches (area fraction of the face) */
      double ov = fmax (0.0, fmin (xr, a) - fmax (xl, -a));
      vtop[ie] = force > 0 || p->tip == FLX_VACANCY_TIP_FLAT ? bias * ov / dx : 0.0;
    }
  for (size_t j = 0; j < nz; j++)
    zl[j] = (j + 0.5) * dz;

  /* elasticity: plane strain, ny = 1 */
  double E, nu;
  film_young (p, &E, &nu);
  FlxElasticMaterial m;
  flx_elastic_material_voigt_cubic (&m, p->c11, p->c12, p->c44);
  ws = flx_elastic_workspace_acquire (nxe, 1, 2.0 * W, dx, errmsg, errmsg_len);
  if (ws == NULL)
    {
      st = FLX_E_NOMEM;
      goto out;
    }
  st = flx_elastic_solve (ws, &m, press, NULL, NULL, errmsg, errmsg_len);
  if (st != FLX_OK)
    goto out;
  unsigned comps[2] = { FLX_ELASTIC_EXX | FLX_ELASTIC_DZ, FLX_ELASTIC_EZZ | FLX_ELASTIC_DX };
  double *outs[2] = { gz, gx };
  st = flx_elastic_eval_section_xz (ws, 0, zl, nz, comps, 2, outs, NULL, NULL, errmsg,
                                    errmsg_len);
  if (st != FLX_OK)
    goto out;

  /* polarization (sign convention in the header comment, item 3) */
  double eps = EPS0 * p->eps_r;
  double pref = -eps * p->f_eff;
  for (size_t q = 0; q < n; q++)
    {
      f->pz[q] = pref * gz[q];
      f->px[q] = pref * gx[q];
    }

  /* rhs = div P / eps with face averages; D_x = 0 at the cell's sides */
  for (size_t j = 0; j < nz; j++)
    for (size_t ie = 0; ie < nxe; ie++)
      {
        size_t q = j * nxe + ie;
        double pxr = ie + 1 < nxe ? 0.5 * (f->px[q] + f->px[q + 1]) : 0.0;
        double pxl = ie > 0 ? 0.5 * (f->px[q] + f->px[q - 1]) : 0.0;
        double pzd = j + 1 < nz ? 0.5 * (f->pz[q] + f->pz[q + nxe]) : f->pz[q];
        double pzu = j > 0 ? 0.5 * (f->pz[q] + f->pz[q - nxe]) : f->pz[q];
        rhs[q] = ((pxr - pxl) / dx + (pzd - pzu) / dz) / eps;
      }

  flx_fftw_lock ();
  fwd = fftw_plan_r2r_1d ((int) nxe, row, row, FFTW_REDFT10, FFTW_ESTIMATE);
  bwd = fftw_plan_r2r_1d ((int) nxe, row, row, FFTW_REDFT01, FFTW_ESTIMATE);
  flx_fftw_unlock ();
  if (fwd == NULL || bwd == NULL)
    {
      st = flx_set_error (errmsg, errmsg_len, FLX_E_NOMEM, "FFTW plan failed");
      goto out;
    }
  for (size_t j = 0; j < nz; j++)
    {
      memcpy (row, rhs + j * nxe, nxe * sizeof (double));
      fftw_execute_r2r (fwd, row, row);
      memcpy (rhs + j * nxe, row, nxe * sizeof (double));
    }
  memcpy (row, vtop, nxe * sizeof (double));
  fftw_execute_r2r (fwd, row, row);
  memcpy (vtop, row, nxe * sizeof (double));
  for (size_t ie = 0; ie < nxe; ie++)
    row[ie] = f->pz[ie]; /* P_z on the top face (the surface bound charge) */
  fftw_execute_r2r (fwd, row, row);
  memcpy (ptop, row, nxe * sizeof (double));
  /* Per mode: (phi_{j-1} - 2 phi_j + phi_{j+1}) / dz^2 - lam phi_j = r_j, the ghost for
   * phi = 0 at the bottom face.  Top: the air gap g (eps0, no charge) between the film
   * surface phi_s and the short-circuit plane (tip potential V_k) is solved exactly per
   * mode, phi(s) = [phi_s sinh(k (g - s)) + V_k sinh(k s)] / sinh(k g), so the downward
   * D on the surface is D_top = hV V_k - hC phi_s, hV = eps0 k / sinh(k g), hC = eps0 k
   * / tanh(k g).  With the film side D_top = -2 eps (phi_0 - phi_s) / dz + P_top
   * (normal D continuous: no free surface charge), eliminating phi_s gives
   * D_top = (hV V_k - hC phi_0 + rr P_top) / (1 + rr), rr = hC dz / (2 eps), and the
   * top row  (phi_1 - phi_0) / dz^2 - lam phi_0 + D_top / (eps dz) = r_0 + P_top / (eps dz).
   * g -> 0 recovers phi_s = V_k (the old Dirichlet surface), g -> inf an open surface. */
  double iz2 = 1.0 / (dz * dz), g = p->air_gap;
  for (size_t k = 0; k < nxe; k++)
    {
      double lam = (2.0 - 2.0 * cos (M_PI * (double) k / nxe)) / (dx * dx);
      double kk = sqrt (lam), hV, hC;
      if (!(g > 0))
        hV = hC = INFINITY;
      else if (kk * g < 1e-6)
        hV = hC = EPS0 / g;
      else
        {
          hC = EPS0 * kk / tanh (kk * g);
          hV = kk * g > 600 ? 0.0 : EPS0 * kk / sinh (kk * g);
        }
      /* top-row coefficients: diagonal extra, and the bias and P_top terms of the rhs */
      double td, tr;
      if (isinf (hC))
        {
          td = -2.0 * iz2;
          tr = -2.0 * vtop[k] * iz2;
        }
      else
        {
          double rr = hC * dz / (2.0 * eps);
          td = -hC / (eps * dz * (1.0 + rr));
          tr = (ptop[k] - hV * vtop[k]) / (eps * dz * (1.0 + rr));
        }
      for (size_t j = 0; j < nz; j++)
        {
          double a_ = j > 0 ? iz2 : 0.0, c_ = j + 1 < nz ? iz2 : 0.0;
          double b_ = -(j + 1 < nz ? iz2 : 0.0) - (j > 0 ? iz2 : 0.0) - lam
                      + (j == 0 ? td : 0.0) - (j + 1 == nz ? 2.0 * iz2 : 0.0);
          double r_ = rhs[j * nxe + k] + (j == 0 ? tr : 0.0);
          if (j == 0) { cp[0] = c_ / b_; dp[0] = r_ / b_; }
          else
            {
              double mm = b_ - a_ * cp[j - 1];
              cp[j] = c_ / mm;
              dp[j] = (r_ - a_ * dp[j - 1]) / mm;
            }
        }
      double v = dp[nz - 1];
      rhs[(nz - 1) * nxe + k] = v;
      for (size_t j = nz - 1; j-- > 0;)
        {
          v = dp[j] - cp[j] * v;
          rhs[j * nxe + k] = v;
        }
      /* surface potential of this mode */
      if (isinf (hC))
        row[k] = vtop[k];
      else
        {
          double phi0 = rhs[k], rr = hC * dz / (2.0 * eps);
          double dtop = (hV * vtop[k] - hC * phi0 + rr * ptop[k]) / (1.0 + rr);
          row[k] = phi0 + (dtop - ptop[k]) * dz / (2.0 * eps);
        }
    }
  fftw_execute_r2r (bwd, row, row);
  for (size_t ie = 0; ie < nxe; ie++)
    f->phis[ie] = row[ie] / (2.0 * nxe);
  for (size_t j = 0; j < nz; j++)
    {
      memcpy (row, rhs + j * nxe, nxe * sizeof (double));
      fftw_execute_r2r (bwd, row, row);
      for (size_t ie = 0; ie < nxe; ie++)
        f->phi[j * nxe + ie] = row[ie] / (2.0 * nxe);
    }

out:
  if (fwd || bwd)
    {
      flx_fftw_lock ();
      if (fwd) fftw_destroy_plan (fwd);
      if (bwd) fftw_destroy_plan (bwd);
      flx_fftw_unlock ();
    }
  if (ws)
    flx_elastic_workspace_release (ws);
  free (press); free (zl); free (gz); free (gx); free (rhs); free (vtop); free (ptop);
  fftw_free (row); free (cp); free (dp);
  if (st != FLX_OK)
    fields_clear (f);
  return st;
}

/* Samples a double-cell array at the section's cells for the tip at xt (linear in x). */
static void
fields_shift (const Fields *f, const double *src, double xt, size_t nx, double *dst)
{
  for (size_t i = 0; i < nx; i++)
    {
      double fi = (double) i + (double) (f->nxe / 4) - xt / f->dx; /* nxe/4 = nx/2 */
      if (fi < 0) fi = 0;
      if (fi > f->nxe - 1) fi = f->nxe - 1;
      size_t i0 = (size_t) fi;
      if (i0 >= f->nxe - 1) i0 = f->nxe - 2;
      double w = fi - i0;
      for (size_t j = 0; j < f->nz; j++)
        dst[j * nx + i] = (1 - w) * src[j * f->nxe + i0] + w * src[j * f->nxe + i0 + 1];
    }
}

/* ---- one simulation ---------------------------------------------------------------- */

typedef struct {
  FlxProgressFunc progress;
  void *user_data;
  double f0, f1;      /* progress range of this simulation */
  double *last;       /* time of the last report (s), shared by the sub-ranges */
} Prog;

static double
now_s (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

/* Nonzero when the caller asks to stop.  Throttled to 20 Hz (the callback contract is
 * ~10 Hz at most) unless force: every simulation reports once when it starts. */
static int
prog_report (const Prog *pr, double frac, bool force)
{
  if (pr->progress == NULL)
    return 0;
  double t = now_s ();
  if (!force && t - *pr->last < 0.05)
    return 0;
  *pr->last = t;
  return flx_report (pr->progress, pr->user_data, pr->f0 + (pr->f1 - pr->f0) * frac);
}

typedef struct {
  size_t nx, nz, steps;
  double W, dx, dz;
  double force, bias, scan_speed, scan_length;
  FlxVacancyInit initial;
  bool reference;     /* no tip: the film's own evolution, for background subtraction */
  size_t frames;      /* snapshots of c to keep (0: none), spread evenly over the steps */
  size_t tally_rows;  /* > 0: tally the net outflow from these top rows under the
                       * contact (static tip), sideways and downwards */
} SimSpec;

typedef struct {
  double *c, *c_init;  /* nx * nz, m^-3 */
  double *psi;         /* final */
  Fields f;
  double tip_x, mass0, mass1, cmin;
  size_t steps, factorizations;
  size_t n_frames, frames_want, steps_total;
  double *frame_t, *frame_x, *frame_c; /* s, m, m^-3 (n_frames * nx * nz) */
  double out_lat, out_bulk; /* net outflow (sum of c over cells) from the tallied block */
} SimOut;

static void
simout_clear (SimOut *o)
{
  free (o->c); free (o->c_init); free (o->psi);
  free (o->frame_t); free (o->frame_x); free (o->frame_c);
  fields_clear (&o->f);
  memset (o, 0, sizeof *o);
}

static double
tip_position (const SimSpec *sp, double t)
{
  if (!(sp->scan_speed > 0) || !(sp->scan_length > 0))
    return 0.0;
  double L = sp->scan_length;
  double s = fmod (sp->scan_speed * t, 2.0 * L);
  return -0.5 * L + (s < L ? s : 2.0 * L - s);
}

/* After step o->steps (1-based) of o->steps_total: keeps a snapshot when the step count
 * crosses the next of frames_want evenly spaced marks, so the last step is always kept. */
static void
keep_frame (SimOut *o, size_t n, double t, double xt)
{
  size_t nf = o->frames_want, s = o->steps, tot = o->steps_total;
  if (nf == 0 || o->n_frames >= nf || s * nf / tot == (s - 1) * nf / tot)
    return;
  size_t f = o->n_frames++;
  o->frame_t[f] = t;
  o->frame_x[f] = xt;
  memcpy (o->frame_c + f * n, o->c, n * sizeof (double));
}

/* Cell i of the section lies under the contact of a tip at xt (at least the centre cell). */
static bool
in_contact (const SimSpec *sp, double a, size_t i, double xt)
{
  double x = -0.5 * sp->W + (i + 0.5) * sp->dx - xt;
  return fabs (x) <= fmax (a, 0.5 * sp->dx);
}

static FlxStatus
simulate (const FlxVacancyParams *p, const SimSpec *sp, SimOut *o, const Prog *pr,
          char *errmsg, size_t errmsg_len)
{
  memset (o, 0, sizeof *o);
  size_t nx = sp->nx, nz = sp->nz, n = nx * nz;
  if (prog_report (pr, 0.0, true))
    return flx_set_error (errmsg, errmsg_len, FLX_E_CANCELLED, "cancelled");
  FlxStatus st = FLX_OK;
  if (!sp->reference)
    st = fields_compute (p, sp->force, sp->bias, nx, nz, sp->W, &o->f, errmsg, errmsg_len);
  if (st != FLX_OK)
    return st;
  o->c = malloc (n * sizeof (double));
  o->c_init = malloc (n * sizeof (double));
  o->psi = malloc (n * sizeof (double));
  double *phi = malloc (n * sizeof (double));
  FlxVacancyStepper *stp = flx_vacancy_stepper_new (nx, nz, sp->dx, sp->dz);
  if (!o->c || !o->c_init || !o->psi || !phi || !stp)
    {
      st = flx_set_error (errmsg, errmsg_len, FLX_E_NOMEM, "out of memory");
      goto out;
    }
  /* initial state */
  for (size_t j = 0; j < nz; j++)
    for (size_t i = 0; i < nx; i++)
      {
        double c = p->c0;
        if (sp->initial == FLX_VACANCY_INIT_ENRICHED)
          {
            double x = -0.5 * sp->W + (i + 0.5) * sp->dx;
            double zt = j * sp->dz, zb = zt + sp->dz;
            double fz = fmax (0.0, fmin (zb, p->enriched_depth) - zt) / sp->dz;
            double fx = fmax (0.0, fmin (x + 0.5 * sp->dx, 0.0) - (x - 0.5 * sp->dx)) / sp->dx;
            c *= 1.0 + p->enrichment * fz * fx;
          }
        o->c[j * nx + i] = o->c_init[j * nx + i] = c;
      }
  double mass0 = 0;
  for (size_t q = 0; q < n; q++)
    mass0 += o->c[q];
  o->mass0 = mass0;
  o->cmin = p->c0;
  if (sp->tally_rows > 0 && !sp->reference)
    {
      size_t i0 = nx, i1 = 0;
      for (size_t i = 0; i < nx; i++)
        if (in_contact (sp, o->f.a, i, 0.0))
          {
            if (i < i0) i0 = i;
            i1 = i;
          }
      if (i0 > 0 && i1 + 1 < nx && sp->tally_rows < nz)
        stepper_tally (stp, i0, i1, sp->tally_rows);
    }

  double beta = p->charge / (KB_E * p->temperature); /* 1/V */
  double T = p->time;
  bool moving = sp->scan_speed > 0 && sp->scan_length > 0;
  size_t steps = sp->steps;
  double t = 0;
  /* static tip: blocks of m steps, doubling dt: sum = m dt0 (2^K - 1) = T */
  size_t K = steps >= 96 ? 12 : 8;
  size_t m = (steps + K - 1) / K;
  if (m < 1) m = 1;
  o->steps_total = moving ? steps : K * m;
  if (sp->frames > 0 && o->steps_total > 0)
    {
      size_t nf = sp->frames < o->steps_total ? sp->frames : o->steps_total;
      o->frame_t = malloc (nf * sizeof (double));
      o->frame_x = malloc (nf * sizeof (double));
      o->frame_c = malloc (nf * n * sizeof (double));
      if (!o->frame_t || !o->frame_x || !o->frame_c)
        {
          st = flx_set_error (errmsg, errmsg_len, FLX_E_NOMEM, "out of memory");
          goto out;
        }
      o->frames_want = nf;
    }
  if (!moving)
    {
      o->tip_x = 0;
      if (!sp->reference)
        fields_shift (&o->f, o->f.phi, 0.0, nx, phi);
      for (size_t q = 0; q < n; q++)
        o->psi[q] = sp->reference ? 0.0 : beta * phi[q];
      double dt0 = T / ((double) m * (ldexp (1.0, (int) K) - 1.0));
      for (size_t b = 0; b < K; b++)
        {
          double dt = dt0 * ldexp (1.0, (int) b);
          st = flx_vacancy_stepper_set (stp, o->psi, p->diffusivity * dt);
          if (st != FLX_OK)
            {
              flx_set_error (errmsg, errmsg_len, st, "drift-diffusion factorization failed "
                             "(potential drop too large? try a smaller f_eff or bias)");
              goto out;
            }
          o->factorizations++;
          for (size_t s = 0; s < m; s++)
            {
              st = flx_vacancy_stepper_step (stp, o->c);
              if (st != FLX_OK)
                {
                  flx_set_error (errmsg, errmsg_len, st, "drift-diffusion diverged at t = %g s", t);
                  goto out;
                }
              t += dt;
              o->steps++;
              keep_frame (o, n, t, 0.0);
              for (size_t q = 0; q < n; q++)
                if (o->c[q] < o->cmin) o->cmin = o->c[q];
              if (prog_report (pr, (double) o->steps / (double) (K * m), false))
                {
                  st = FLX_E_CANCELLED;
                  flx_set_error (errmsg, errmsg_len, st, "cancelled");
                  goto out;
                }
            }
        }
    }
  else
    {
      double dt = T / steps;
      for (size_t s = 0; s < steps; s++)
        {
          double xt = tip_position (sp, t + 0.5 * dt);
          if (!sp->reference)
            fields_shift (&o->f, o->f.phi, xt, nx, phi);
          for (size_t q = 0; q < n; q++)
            o->psi[q] = sp->reference ? 0.0 : beta * phi[q];
          if (s == 0 || !sp->reference)
            st = flx_vacancy_stepper_set (stp, o->psi, p->diffusivity * dt);
          if (st != FLX_OK)
            {
              flx_set_error (errmsg, errmsg_len, st, "drift-diffusion factorization failed");
              goto out;
            }
          o->factorizations++;
          st = flx_vacancy_stepper_step (stp, o->c);
          if (st != FLX_OK)
            {
              flx_set_error (errmsg, errmsg_len, st, "drift-diffusion diverged at t = %g s", t);
              goto out;
            }
          t += dt;
          o->steps++;
          o->tip_x = xt;
          keep_frame (o, n, t, xt);
          for (size_t q = 0; q < n; q++)
            if (o->c[q] < o->cmin) o->cmin = o->c[q];
          if (prog_report (pr, (double) (s + 1) / (double) steps, false))
            {
              st = FLX_E_CANCELLED;
              flx_set_error (errmsg, errmsg_len, st, "cancelled");
              goto out;
            }
        }
    }
  double mass1 = 0;
  for (size_t q = 0; q < n; q++)
    mass1 += o->c[q];
  o->out_lat = stp->tal_lat;
  o->out_bulk = stp->tal_bulk;
  o->mass1 = mass1;

out:
  free (phi);
  flx_vacancy_stepper_free (stp);
  if (st != FLX_OK)
    simout_clear (o);
  return st;
}

/* The sideways share of a short contact (item 6, lateral_fraction): the net drift out of
 * the surface layer (rows < ns) under a static tip at x = 0 in a UNIFORM film, i.e. the
 * initial rate of the tally above.  For uniform c the SG flux is pure drift,
 * k c0 (B(d) - B(-d)) = -k c0 d with d the step of psi across the face, so the outflow
 * through the layer's sides is sum_rows (psi_in - psi_out) / dx^2 and through its bottom
 * sum_cols (psi_above - psi_below) / dz^2; the share does not depend on D, c0 or the
 * scale of psi.  NAN when nothing leaves or the block touches the domain's edge. */
static double
short_contact_share (const SimSpec *sp, const Fields *f, size_t ns, double *lat_out,
                     double *bulk_out)
{
  size_t nx = sp->nx, nz = sp->nz, i0 = nx, i1 = 0;
  *lat_out = *bulk_out = NAN;
  for (size_t i = 0; i < nx; i++)
    if (in_contact (sp, f->a, i, 0.0))
      {
        if (i < i0) i0 = i;
        i1 = i;
      }
  double *ph = malloc (nx * nz * sizeof (double));
  if (ph == NULL || i0 == 0 || i1 + 1 >= nx || ns >= nz)
    {
      free (ph);
      return NAN;
    }
  fields_shift (f, f->phi, 0.0, nx, ph);
  double lat = 0, bulk = 0;
  for (size_t j = 0; j < ns; j++)
    {
      const double *r = ph + j * nx;
      lat += (r[i1] - r[i1 + 1]) + (r[i0] - r[i0 - 1]);
    }
  lat /= sp->dx * sp->dx;
  for (size_t i = i0; i <= i1; i++)
    bulk += ph[(ns - 1) * nx + i] - ph[ns * nx + i];
  bulk /= sp->dz * sp->dz;
  free (ph);
  *lat_out = lat;
  *bulk_out = bulk;
  double tot = lat + bulk;
  if (!(tot > 1e-12 * (fabs (lat) + fabs (bulk))) || !(tot > 0))
    return NAN;
  return fmin (1.0, fmax (0.0, lat / tot));
}

/* Rows averaged for "surface" observables. */
static size_t
surface_rows (const FlxVacancyParams *p, double dz, size_t nz)
{
  size_t ns = (size_t) floor (p->surface_depth / dz + 0.5);
  if (ns < 1) ns = 1;
  if (ns > nz) ns = nz;
  return ns;
}

/* Remaining fraction of the surface-layer vacancies under the central half of the contact,
 * |x| < a/2 (at least the centre cell), each cell weighted by its overlap: the window
 * stays clear of the enriched rim at ~1.1-1.3 a and changes continuously with a (the full
 * [-a, a] window caught part of the rim, and cell by cell it stepped whenever a crossed
 * a cell edge: jumps of up to 0.1 in the force sweep). */
static double
remaining_under_tip (const FlxVacancyParams *p, const SimSpec *sp, const SimOut *o)
{
  size_t ns = surface_rows (p, sp->dz, sp->nz);
  double a = fmax (0.5 * o->f.a, 0.5 * sp->dx), num = 0, den = 0;
  for (size_t i = 0; i < sp->nx; i++)
    {
      double x = -0.5 * sp->W + (i + 0.5) * sp->dx;
      double w = fmax (0.0, fmin (x + 0.5 * sp->dx, a) - fmax (x - 0.5 * sp->dx, -a)) / sp->dx;
      if (w <= 0)
        continue;
      for (size_t j = 0; j < ns; j++)
        {
          num += w * o->c[j * sp->nx + i];
          den += w * o->c_init[j * sp->nx + i];
        }
    }
  return den > 0 ? num / den : NAN;
}

/* 4 t wide (the potential reaches the bottom electrode), but at most 64 a so a thick film
 * still resolves the contact, and at least 16 a (elastic images, flx-elastic.h). */
static double
auto_width (const FlxVacancyParams *p, double force)
{
  if (p->width > 0)
    return p->width;
  double a;
  if (p->tip == FLX_VACANCY_TIP_SPHERICAL)
    flx_vacancy_hertz (force, p->tip_radius, flx_vacancy_reduced_modulus (p), &a, NULL);
  else
    a = p->contact_radius;
  double W = 4.0 * p->thickness;
  if (a > 0)
    W = fmax (fmin (W, 64.0 * a), 16.0 * a);
  return W;
}

/* ---- sweeps -------------------------------------------------------------------------- */

static FlxStatus
sweep (const FlxVacancyParams *p, bool bias_sweep, size_t npts, size_t nx, size_t nz,
       size_t steps, double *xs, double *ys, const Prog *pr, char *errmsg, size_t errmsg_len)
{
  for (size_t k = 0; k < npts; k++)
    {
      /* quadratic spacing: dense near zero, where drift of a few kT/e already acts */
      double v = pow ((double) k / (npts - 1), 2);
      SimSpec sp = { 0 };
      sp.nx = nx; sp.nz = nz; sp.steps = steps;
      sp.force = bias_sweep ? p->sweep_bias_force : v * p->sweep_force_max;
      sp.bias = bias_sweep ? v * p->sweep_bias_max : 0.0;
      /* one width for the whole sweep (its largest contact) */
      sp.W = auto_width (p, bias_sweep ? p->sweep_bias_force : p->sweep_force_max);
      sp.dx = sp.W / nx; sp.dz = p->thickness / nz;
      sp.initial = FLX_VACANCY_INIT_UNIFORM;
      Prog sub = *pr;
      sub.f0 = pr->f0 + (pr->f1 - pr->f0) * k / npts;
      sub.f1 = pr->f0 + (pr->f1 - pr->f0) * (k + 1) / npts;
      SimOut o;
      FlxStatus st = simulate (p, &sp, &o, &sub, errmsg, errmsg_len);
      if (st != FLX_OK)
        return st;
      xs[k] = bias_sweep ? sp.bias : sp.force;
      ys[k] = remaining_under_tip (p, &sp, &o);
      simout_clear (&o);
    }
  return FLX_OK;
}

/* Eq 1 fitted to a sweep starting at x = 0.  A midpoint outside the swept range is an
 * extrapolation, not a fit: then we hold A1 at the first value (eq 1's A1 is the
 * initial value, paper p. 3) and fit the other three, which pins curves that fall
 * within the first interval or two. */
static bool
fit_sweep (const double *x, const double *y, size_t n, double c[4])
{
  double xmax = x[n - 1];
  if (flx_vacancy_sigmoid_fit (x, y, n, c, false) == FLX_OK && c[2] >= 0 && c[2] <= xmax
      && c[3] > 0)
    return true;
  c[0] = y[0];
  return flx_vacancy_sigmoid_fit_a1 (x, y, n, c) == FLX_OK && c[2] >= 0 && c[2] <= xmax
         && c[3] > 0;
}

/* ---- run ------------------------------------------------------------------------------ */

FlxStatus
flx_vacancy_run (const FlxVacancyParams *p, FlxQuality quality, FlxVacancyResult *out,
                 FlxProgressFunc progress, void *user_data, char *errmsg, size_t errmsg_len)
{
  if (out == NULL)
    return flx_set_error (errmsg, errmsg_len, FLX_E_PARAM, "no result");
  memset (out, 0, sizeof *out);
  FlxStatus st = flx_vacancy_params_check (p, errmsg, errmsg_len);
  if (st != FLX_OK)
    return st;
  bool full = quality == FLX_QUALITY_FULL;
  SimSpec sp = { 0 };
  sp.nx = p->nx ? p->nx : (full ? 256 : 64);
  sp.nz = p->nz ? p->nz : (full ? 128 : 32);
  sp.W = auto_width (p, p->force);
  sp.dx = sp.W / sp.nx; sp.dz = p->thickness / sp.nz;
  sp.force = p->force; sp.bias = p->bias;
  sp.scan_speed = p->scan_speed;
  sp.scan_length = p->scan_length > 0 ? fmin (p->scan_length, 0.5 * sp.W) : 0.5 * sp.W;
  sp.initial = p->initial;
  sp.frames = 40;
  sp.tally_rows = sp.scan_speed > 0 ? 0 : surface_rows (p, sp.dz, sp.nz);
  bool moving = sp.scan_speed > 0;
  if (p->steps)
    sp.steps = p->steps;
  else if (!moving)
    sp.steps = full ? 96 : 40; /* FAST 8 blocks x 5: also ~40 animation frames */
  else
    {
      /* about a cell per step, within budget */
      double path = sp.scan_speed * p->time;
      double want = ceil (path / sp.dx);
      double lo = full ? 50 : 12, hi = full ? 400 : 60;
      sp.steps = (size_t) fmin (hi, fmax (lo, want));
    }

  bool do_sweeps = p->sweeps;
  double main_share = do_sweeps ? 0.4 : 1.0;
  double last = -1e9;
  bool enriched = p->initial == FLX_VACANCY_INIT_ENRICHED;
  Prog pr = { progress, user_data, 0.0, main_share * (enriched ? 0.75 : 1.0), &last };
  SimOut o;
  st = simulate (p, &sp, &o, &pr, errmsg, errmsg_len);
  if (st != FLX_OK)
    return st;

  size_t nx = sp.nx, nz = sp.nz, n = nx * nz;
  /* Background: the enriched film also relaxes by itself (sqrt(D t) against the layer
   * depth).  Like the paper (Fig 2e, NVC with the background subtracted), changes are
   * taken against the same film evolved without the tip: same grid and time steps,
   * psi = 0.  A uniform film does not evolve, so there the reference is c0 itself. */
  SimOut ref = { 0 };
  if (p->initial == FLX_VACANCY_INIT_ENRICHED)
    {
      SimSpec rs = sp;
      rs.reference = true;
      rs.frames = 0;
      Prog prr = { progress, user_data, pr.f1, main_share, &last };
      st = simulate (p, &rs, &ref, &prr, errmsg, errmsg_len);
      if (st != FLX_OK)
        {
          simout_clear (&o);
          return st;
        }
    }
  const double *cref = ref.c ? ref.c : o.c_init;
  out->nx = nx; out->nz = nz; out->x0 = -0.5 * sp.W; out->dx = sp.dx; out->dz = sp.dz;
  out->c_base = p->c0;
  out->c_scale = p->initial == FLX_VACANCY_INIT_ENRICHED ? p->enrichment * p->c0 : p->c0;
  out->nvc = malloc (n * sizeof (double));
  out->dnvc = malloc (n * sizeof (double));
  out->potential = malloc (n * sizeof (double));
  out->field_x = malloc (n * sizeof (double));
  out->field_z = malloc (n * sizeof (double));
  out->pol_x = malloc (n * sizeof (double));
  out->pol_z = malloc (n * sizeof (double));
  out->surface_x = malloc (nx * sizeof (double));
  out->surface_dnvc = malloc (nx * sizeof (double));
  out->surface_nvc = malloc (nx * sizeof (double));
  if (!out->nvc || !out->dnvc || !out->potential || !out->field_x || !out->field_z
      || !out->pol_x || !out->pol_z || !out->surface_x || !out->surface_dnvc
      || !out->surface_nvc)
    {
      simout_clear (&o);
      simout_clear (&ref);
      flx_vacancy_result_clear (out);
      return flx_set_error (errmsg, errmsg_len, FLX_E_NOMEM, "out of memory");
    }
  for (size_t q = 0; q < n; q++)
    {
      out->nvc[q] = (o.c[q] - out->c_base) / out->c_scale;
      out->dnvc[q] = (o.c[q] - cref[q]) / out->c_scale;
    }
  fields_shift (&o.f, o.f.phi, o.tip_x, nx, out->potential);
  fields_shift (&o.f, o.f.px, o.tip_x, nx, out->pol_x);
  fields_shift (&o.f, o.f.pz, o.tip_x, nx, out->pol_z);
  /* E = -grad phi; at the top the one-sided difference to the surface potential */
  double *vt = malloc (nx * sizeof (double));
  if (vt)
    {
      Fields f1 = o.f;
      f1.nz = 1;
      fields_shift (&f1, o.f.phis, o.tip_x, nx, vt);
    }
  double maxp = 0;
  for (size_t j = 0; j < nz; j++)
    for (size_t i = 0; i < nx; i++)
      {
        size_t q = j * nx + i;
        const double *ph = out->potential;
        double l = i > 0 ? ph[q - 1] : ph[q], r = i + 1 < nx ? ph[q + 1] : ph[q];
        double hx = (i > 0 && i + 1 < nx ? 2.0 : 1.0) * sp.dx;
        out->field_x[q] = -(r - l) / hx;
        double u = j > 0 ? ph[q - nx] : (vt ? vt[i] : 0.0);
        double d = j + 1 < nz ? ph[q + nx] : 0.0;
        double hz = (j > 0 && j + 1 < nz ? 2.0 : 1.5) * sp.dz;
        out->field_z[q] = -(d - u) / hz;
        maxp = fmax (maxp, hypot (out->pol_x[q], out->pol_z[q]));
      }
  free (vt);
  size_t ns = surface_rows (p, sp.dz, nz);
  double dmin = INFINITY, dmax = -INFINITY, loss = 0, gain = 0, layer = 0;
  for (size_t i = 0; i < nx; i++)
    {
      double s = 0, sd = 0;
      for (size_t j = 0; j < ns; j++)
        {
          size_t q = j * nx + i;
          s += out->nvc[q];
          sd += out->dnvc[q];
          double dc = o.c[q] - cref[q];
          if (dc < 0) loss -= dc; else gain += dc;
          layer += cref[q];
        }
      out->surface_x[i] = out->x0 + (i + 0.5) * sp.dx;
      out->surface_nvc[i] = s / ns;
      out->surface_dnvc[i] = sd / ns;
      dmin = fmin (dmin, sd / ns);
      dmax = fmax (dmax, sd / ns);
    }
  out->max_depletion = dmin;
  out->max_enrichment = dmax;
  /* the paper's KPFM estimate (p. 3 and Fig 4e-f): net gain over net drop of the surface NVC */
  out->gain_drop_ratio = dmin < -1e-6 ? fmax (0.0, dmax) / -dmin : NAN;
  out->surface_gain_ratio = loss > 1e-9 * layer ? gain / loss : NAN;
  /* the paper's split of the removed vacancies (p. 3, p. 5): net outflow from the
   * surface layer under the contact, sideways (within the layer) against downwards */
  out->outflow_lateral = sp.tally_rows > 0 ? o.out_lat / o.mass0 * n : NAN;
  out->outflow_bulk = sp.tally_rows > 0 ? o.out_bulk / o.mass0 * n : NAN;
  out->removed_lateral = NAN;
  if (sp.tally_rows > 0 && o.out_lat + o.out_bulk > 1e-9 * o.mass0 / n)
    out->removed_lateral = fmin (1.0, fmax (0.0, o.out_lat / (o.out_lat + o.out_bulk)));
  if (p->force > 0 || p->bias != 0)
    out->lateral_fraction = short_contact_share (&sp, &o.f, ns, &out->initial_lateral,
                                                 &out->initial_bulk);
  else
    out->lateral_fraction = out->initial_lateral = out->initial_bulk = NAN;
  out->mass_error = (o.mass1 - o.mass0) / o.mass0;
  out->min_concentration = o.cmin;
  out->max_polarization = maxp;
  out->contact_radius = o.f.a;
  out->peak_pressure = o.f.p0;
  flx_vacancy_hertz (p->force, p->tip_radius, flx_vacancy_reduced_modulus (p),
                     &out->contact_radius_hertz, NULL);
  out->tip_x = o.tip_x;
  out->steps_taken = o.steps;
  /* hand the snapshots over as NVC (same scaling as nvc) */
  out->n_frames = o.n_frames;
  out->frame_time = o.frame_t; out->frame_tip_x = o.frame_x; out->frame_nvc = o.frame_c;
  o.frame_t = o.frame_x = o.frame_c = NULL;
  for (size_t q = 0; q < out->n_frames * n; q++)
    out->frame_nvc[q] = (out->frame_nvc[q] - out->c_base) / out->c_scale;
  out->factorizations = o.factorizations;
  simout_clear (&o);
  simout_clear (&ref);

  /* sweeps */
  out->fit_force_ok = out->fit_bias_ok = false;
  if (do_sweeps)
    {
      size_t np = p->sweep_points ? p->sweep_points : (full ? 20 : 8);
      size_t snx = full ? 128 : 48, snz = full ? 64 : 24, ssteps = full ? 48 : 16;
      out->n_sweep = np;
      out->sweep_force = malloc (np * sizeof (double));
      out->sweep_force_nvc = malloc (np * sizeof (double));
      out->sweep_bias = malloc (np * sizeof (double));
      out->sweep_bias_nvc = malloc (np * sizeof (double));
      if (!out->sweep_force || !out->sweep_force_nvc || !out->sweep_bias || !out->sweep_bias_nvc)
        {
          flx_vacancy_result_clear (out);
          return flx_set_error (errmsg, errmsg_len, FLX_E_NOMEM, "out of memory");
        }
      Prog pf = { progress, user_data, main_share, main_share + 0.5 * (1 - main_share), &last };
      st = sweep (p, false, np, snx, snz, ssteps, out->sweep_force, out->sweep_force_nvc, &pf,
                  errmsg, errmsg_len);
      if (st == FLX_OK)
        {
          Prog pb = { progress, user_data, pf.f1, 1.0, &last };
          st = sweep (p, true, np, snx, snz, ssteps, out->sweep_bias, out->sweep_bias_nvc,
                      &pb, errmsg, errmsg_len);
        }
      if (st != FLX_OK)
        {
          flx_vacancy_result_clear (out);
          return st;
        }
      out->fit_force_ok = fit_sweep (out->sweep_force, out->sweep_force_nvc, np,
                                     out->fit_force);
      out->fit_bias_ok = fit_sweep (out->sweep_bias, out->sweep_bias_nvc, np, out->fit_bias);
    }

  /* recovery */
  out->recovery_d_fit = NAN;
  if (p->recovery)
    {
      size_t nr = 64;
      out->n_recovery = nr;
      out->recovery_t = malloc (nr * sizeof (double));
      out->recovery_s = malloc (nr * sizeof (double));
      out->recovery_sim = malloc (nr * sizeof (double));
      if (!out->recovery_t || !out->recovery_s || !out->recovery_sim)
        {
          flx_vacancy_result_clear (out);
          return flx_set_error (errmsg, errmsg_len, FLX_E_NOMEM, "out of memory");
        }
      double tmax = p->thickness * p->thickness / p->diffusivity;
      for (size_t k = 0; k < nr; k++)
        {
          out->recovery_t[k] = tmax * (k + 1) / nr;
          out->recovery_s[k] = flx_vacancy_recovery (out->recovery_t[k], p->diffusivity,
                                                     p->thickness);
        }
      st = recovery_simulate (p->diffusivity, p->thickness, out->recovery_t, nr,
                              out->recovery_sim);
      if (st != FLX_OK)
        {
          flx_vacancy_result_clear (out);
          return flx_set_error (errmsg, errmsg_len, st, "out of memory");
        }
      double D;
      if (flx_vacancy_recovery_fit (out->recovery_t, out->recovery_sim, nr, p->thickness, 0,
                                    &D) == FLX_OK)
        out->recovery_d_fit = D;
    }
  flx_report (progress, user_data, 1.0);
  return FLX_OK;
}
