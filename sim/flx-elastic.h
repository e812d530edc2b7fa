/* flx-elastic.h: spectral solver for a linear isotropic elastic half-space under an
 * arbitrary surface traction (Boussinesq and Cerruti problems in Fourier space).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by every model that presses or rubs a tip on a surface (cfr, vacancy, wo3).
 *
 * Coordinates and signs
 *   x, y in the surface plane; z is the DEPTH, z >= 0 inside the solid.  Displacements are
 *   positive along +x, +y, +z (so u_z > 0 points into the solid).  The traction grid
 *   holds what the indenter applies to the body: p > 0 pushes into the solid (a
 *   compressive contact pressure), qx, qy push along +x, +y.  Hence at z = 0:
 *   sigma_zz = -p, sigma_xz = -qx, sigma_yz = -qy.  Strains are tensor strains
 *   (eps_xz = (du_x/dz + du_z/dx) / 2); stresses in Pa; tension positive.
 *
 * Grid
 *   nx x ny samples covering a periodic cell lx x ly, row-major: value[j * nx + i] at
 *   x = i lx / nx, y = j ly / ny (plus any origin the caller likes: the solver is
 *   translation invariant, so outputs come back on the caller's grid).  The solution is
 *   the exact periodic one: a square array of identical contacts with pitch lx, ly.  Keep
 *   the cell large against the contact (lx, ly >= 16 a for the Johnson 1% test on axis)
 *   so the images are negligible.  ny = 1 gives plane strain in (x, z): a load uniform
 *   along y (a line load of the 2D problems, e.g. WO3 sliding friction).
 *
 * Method (per in-plane wavevector k, |k| = k)
 *   Every displacement component is u(k, z) = (a0(k) + a1(k) z) exp(-k z): the Fourier
 *   transformed Boussinesq-Cerruti Green's function (Johnson, Contact Mechanics, 1985,
 *   sec. 3.2-3.3; the same kernels as Liu, Wang & Liu, Wear 243 (2000) 101).  With
 *   P = p^(k), Q = the shear component along k, T = the one across k, lambda, mu Lame:
 *     u_along(k) = i (A + B k z) e^{-kz},  u_z = (C + D k z) e^{-kz},
 *     u_across   = T / (mu k) e^{-kz},
 *     D = -B = (P - iQ) / (2 mu k),  C = (P - iQ) / (2 k (lambda + mu)) + P / (2 mu k),
 *     A = (P - iQ)(lambda + 3 mu) / (2 mu k (lambda + mu)) - C.
 *   Derived by solving Navier's equations with exponentially decaying solutions; checks:
 *   surface u_z = 2 (1 - nu^2) P / (E k), the Boussinesq result, and the Cerruti surface
 *   compliances (1 - nu)/(mu k) along and 1/(mu k) across k.  Strains and stresses follow
 *   analytically (d/dx = i kx, d/dz of the polynomial-exponential), so every depth level
 *   costs one inverse FFT per requested component and nothing is differentiated
 *   numerically.  The forward FFT of the traction is done once per solve.
 *
 * The k = 0 mode (net force)
 *   The mean traction (Fz = <p> lx ly, and the shear means) cannot be carried by decaying
 *   modes.  We add the exact periodic answer for it: a laterally clamped uniform state,
 *   sigma_zz = -<p>, sigma_xz = -<qx>, sigma_yz = -<qy> at every depth, eps_zz =
 *   -<p> / (lambda + 2 mu), sigma_xx = sigma_yy = lambda eps_zz, eps_xz = -<qx>/(2 mu).
 *   Hence the integral of sigma_zz over ANY plane equals -Fz (static equilibrium, tested).
 *   Its displacement grows linearly with depth; we integrate it from the surface, so
 *   displacements are defined up to a rigid translation chosen to make the mean surface
 *   displacement zero (compare displacement differences with closed forms).
 *
 * Nyquist modes (index nx/2, ny/2 of even sizes) of the traction are dropped: their
 * derivative has no consistent sign, and a resolved traction has no power there.
 *
 * Threads and FFTW: plans are made under one process-wide lock (only fftw_execute* is
 * thread-safe) and cached per grid size for the life of the process; every workspace of
 * that size shares them through the new-array execute functions.  FFTW_ESTIMATE is the
 * default: FFTW_MEASURE took 0.7-0.8 s for the first 256^2 plan set and gains nothing
 * visible here (the FFTs are < 5 % of a solve; the per-wavevector arithmetic dominates).
 * A workspace is used by one caller at a time; it splits depth levels (and the
 * coefficient set-up) over one thread per core (at most 8) when the work exceeds ~1e6
 * wavevector-level-components.  Different workspaces may be used concurrently.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "flx-types.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Isotropic elastic constants, Pa. */
typedef struct {
  double lambda; /* first Lame constant */
  double mu;     /* shear modulus, > 0 */
} FlxElasticMaterial;

/* E (Pa, > 0) and Poisson's ratio nu (-1 < nu < 0.5). */
void   flx_elastic_material_from_young (FlxElasticMaterial *m, double E, double nu);
/* Voigt average of a cubic crystal (Hill, Proc. Phys. Soc. A 65 (1952) 349):
 * mu = (c11 - c12 + 3 c44) / 5, lambda = (c11 + 4 c12 - 2 c44) / 5. */
void   flx_elastic_material_voigt_cubic (FlxElasticMaterial *m, double c11, double c12,
                                         double c44);
double flx_elastic_material_young (const FlxElasticMaterial *m);   /* Pa */
double flx_elastic_material_poisson (const FlxElasticMaterial *m); /* 1 */
/* FLX_E_PARAM unless mu > 0 and -1 < nu < 0.5 (positive definite). */
FlxStatus flx_elastic_material_check (const FlxElasticMaterial *m, char *errmsg,
                                      size_t errmsg_len);

/* Output components.  Combine one component with any of the derivative flags, e.g.
 * FLX_ELASTIC_E_INPLANE | FLX_ELASTIC_DZ is the depth derivative of eps_xx + eps_yy
 * (the transverse strain gradient of flexoelectric models).  DX and DY multiply by
 * i kx, i ky; DZ is exact (analytic in z). */
typedef enum {
  FLX_ELASTIC_UX = 0, FLX_ELASTIC_UY, FLX_ELASTIC_UZ,              /* m */
  FLX_ELASTIC_EXX, FLX_ELASTIC_EYY, FLX_ELASTIC_EZZ,               /* 1 */
  FLX_ELASTIC_EYZ, FLX_ELASTIC_EXZ, FLX_ELASTIC_EXY,               /* 1, tensor shear */
  FLX_ELASTIC_SXX, FLX_ELASTIC_SYY, FLX_ELASTIC_SZZ,               /* Pa */
  FLX_ELASTIC_SYZ, FLX_ELASTIC_SXZ, FLX_ELASTIC_SXY,               /* Pa */
  FLX_ELASTIC_E_INPLANE,                                           /* eps_xx + eps_yy */
  FLX_ELASTIC_N_COMPONENTS
} FlxElasticComponent;

#define FLX_ELASTIC_DX 0x100u
#define FLX_ELASTIC_DY 0x200u
#define FLX_ELASTIC_DZ 0x400u

typedef struct _FlxElasticWorkspace FlxElasticWorkspace;

/* Allocates every buffer and FFTW plan for an nx x ny grid over lx x ly metres.
 * nx >= 4 and even; ny = 1 (plane strain) or >= 4 and even; at most 16384 each and
 * 2^24 points.
 * measure: plan with FFTW_MEASURE (slower to create the first time in a process, wisdom
 * makes later ones instant) instead of FFTW_ESTIMATE.  Returns NULL and fills errmsg on
 * bad sizes or memory.  Free with flx_elastic_workspace_free. */
FlxElasticWorkspace *flx_elastic_workspace_new (size_t nx, size_t ny, double lx, double ly,
                                                bool measure, char *errmsg,
                                                size_t errmsg_len);
void                 flx_elastic_workspace_free (FlxElasticWorkspace *ws);
/* Changes the cell size (wavenumbers only; buffers and plans stay).  Forgets the last
 * solve.  FLX_E_PARAM if a size is not positive. */
FlxStatus            flx_elastic_workspace_set_size (FlxElasticWorkspace *ws, double lx,
                                                     double ly);
/* For callers that solve again and again (a slider drag): borrows a warm workspace of
 * this grid size from a small process-wide pool (or makes one, FFTW_ESTIMATE), sized to
 * lx x ly.  Thread-safe.  Give it back with flx_elastic_workspace_release, not _free.
 * Reusing warm buffers saves the page faults of ~10 MB per 256^2 solve (measured 10-15
 * ms per FULL run). */
FlxElasticWorkspace *flx_elastic_workspace_acquire (size_t nx, size_t ny, double lx,
                                                    double ly, char *errmsg,
                                                    size_t errmsg_len);
void                 flx_elastic_workspace_release (FlxElasticWorkspace *ws);
size_t               flx_elastic_workspace_nx (const FlxElasticWorkspace *ws);
size_t               flx_elastic_workspace_ny (const FlxElasticWorkspace *ws);

/* Loads a traction (nx * ny arrays, Pa; any may be NULL for zero; the arrays are only
 * read) and the material, transforms and stores the solution coefficients.  Must be
 * called before the eval functions.  FLX_E_PARAM on a bad material or non-finite data. */
FlxStatus flx_elastic_solve (FlxElasticWorkspace *ws, const FlxElasticMaterial *m,
                             const double *p, const double *qx, const double *qy,
                             char *errmsg, size_t errmsg_len);

/* Net applied force of the loaded traction (N): {Fx, Fy, Fz} = mean traction x area. */
void      flx_elastic_net_force (const FlxElasticWorkspace *ws, double force[3]);

/* Full planes: out[c][l * nx * ny + j * nx + i] for depth z[l] (m, >= 0) and component
 * comps[c].  out[c] are caller-owned arrays of nz * nx * ny doubles.  progress is called
 * on the calling thread between depth levels (at most ~20 Hz); returning nonzero stops
 * with FLX_E_CANCELLED (out then holds partial data). */
FlxStatus flx_elastic_eval_planes (FlxElasticWorkspace *ws, const double *z, size_t nz,
                                   const unsigned *comps, size_t ncomp, double *const *out,
                                   FlxProgressFunc progress, void *user_data,
                                   char *errmsg, size_t errmsg_len);

/* A vertical section through grid row j0 (y = j0 ly / ny): out[c][l * nx + i].  Costs
 * O(nx ny) per level and component, no 2D FFT: the y sum is done at one y only. */
FlxStatus flx_elastic_eval_section_xz (FlxElasticWorkspace *ws, size_t j0, const double *z,
                                       size_t nz, const unsigned *comps, size_t ncomp,
                                       double *const *out, FlxProgressFunc progress,
                                       void *user_data, char *errmsg, size_t errmsg_len);

/* A vertical column under grid point (i0, j0): out[c][l].  Exact spectral sum. */
FlxStatus flx_elastic_eval_column (FlxElasticWorkspace *ws, size_t i0, size_t j0,
                                   const double *z, size_t nz, const unsigned *comps,
                                   size_t ncomp, double *const *out, char *errmsg,
                                   size_t errmsg_len);

/* Fills grid[j * nx + i] with the cell average of an axisymmetric profile f(r) centred at
 * (xc, yc), for a cell centred at x = x0 + i dx, y = y0 + j dy (dx = lx/nx, dy = ly/ny).
 * f vanishes for r > support (m).  Cells wholly inside the support use the midpoint;
 * cells the edge r = support crosses use sub x sub midpoint sub-samples, so a profile with
 * an edge (Hertz's square root, eq 9's kink) keeps its load to O(dx^2).  The periodic
 * cell must contain the whole support (returns FLX_E_PARAM otherwise). */
typedef double (*FlxRadialProfile) (double r, void *data);
FlxStatus flx_elastic_fill_radial (double *grid, size_t nx, size_t ny, double lx, double ly,
                                   double x0, double y0, double xc, double yc,
                                   double support, FlxRadialProfile f, void *data,
                                   unsigned sub);

/* The process-wide lock around FFTW's planner.  Every sim/ module that creates or
 * destroys an FFTW plan takes it (only fftw_execute* is thread-safe). */
void flx_fftw_lock (void);
void flx_fftw_unlock (void);

/* Frees the pooled workspaces and the cached plans, then FFTW's own state
 * (fftw_cleanup).  Only for leak
 * checkers at program exit, when no workspace exists and no thread uses FFTW. */
void flx_elastic_cleanup (void);

#ifdef __cplusplus
}
#endif
