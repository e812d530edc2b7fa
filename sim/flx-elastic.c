/* flx-elastic.c: spectral Boussinesq-Cerruti half-space solver (see flx-elastic.h for
 * the equations, sign conventions, the k = 0 treatment and the method).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Implementation notes
 *   - The traction is transformed once (r2c, half spectrum along x).  The solution is
 *     stored as three pairs (a0, a1) per wavevector, one per displacement component, so a
 *     depth level costs one exp per wavevector plus a multiply-add per component.
 *   - Depth levels are independent: blocks of them go to up to one thread per core
 *     (plain pthreads, see run_threads); each thread owns its scratch buffers (allocated
 *     up front in the workspace) and calls fftw_execute_dft_c2r, the thread-safe
 *     new-array interface, on the shared plan.
 *   - All FFT buffers come from fftw_malloc, so the new-array calls see the alignment the
 *     plans were made for.
 */
#include "flx-elastic.h"

/* Complex products and quotients here never see inf or NaN (inputs are checked), so
 * the textbook formulas are exact enough; without this GCC calls __muldc3 for every
 * product, which made the solver 5-10x slower. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize ("cx-limited-range")
#endif

#include <complex.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* complex.h comes first, so fftw_complex is C99 double complex (FFTW manual 4.1.1). */
#include <fftw3.h>


#define MAX_SIZE 16384
#define MAX_POINTS (1 << 24)
#define MAX_THREADS 8

/* The only global: FFTW's planner is not thread-safe (FFTW manual, sec. 5.4). */
static pthread_mutex_t fftw_planner_lock = PTHREAD_MUTEX_INITIALIZER;

void
flx_fftw_lock (void)
{
  pthread_mutex_lock (&fftw_planner_lock);
}

void
flx_fftw_unlock (void)
{
  pthread_mutex_unlock (&fftw_planner_lock);
}

/* The plan cache, under the same lock: plans are immutable after creation and the
 * new-array execute functions are thread-safe, so every workspace of one size shares one
 * set.  fftw_malloc gives every buffer the same alignment, which new-array execution
 * requires.  A handful of sizes is all a process uses (FAST and FULL grids). */
#define PLAN_CACHE_SIZE 16
typedef struct {
  size_t nx, ny;
  unsigned flags;
  fftw_plan fwd, inv, inv_x;
} PlanSet;
static PlanSet plan_cache[PLAN_CACHE_SIZE];
static size_t plan_cache_n;

/* Finds or makes the plans for one size; called with the lock held.  buffers are the
 * caller's scratch (FFTW_MEASURE overwrites them).  NULL when the cache is full and FFTW
 * fails, or when FFTW cannot plan. */
static const PlanSet *
plans_get (size_t nx, size_t ny, unsigned flags, double *rbuf, fftw_complex *cbuf)
{
  for (size_t i = 0; i < plan_cache_n; i++)
    if (plan_cache[i].nx == nx && plan_cache[i].ny == ny
        && (plan_cache[i].flags == flags || plan_cache[i].flags == FFTW_MEASURE))
      return &plan_cache[i];
  if (plan_cache_n == PLAN_CACHE_SIZE)
    return NULL;
  PlanSet ps = { nx, ny, flags, NULL, NULL, NULL };
  if (ny == 1)
    {
      ps.fwd = fftw_plan_dft_r2c_1d ((int) nx, rbuf, cbuf, flags);
      ps.inv = fftw_plan_dft_c2r_1d ((int) nx, cbuf, rbuf, flags);
    }
  else
    {
      ps.fwd = fftw_plan_dft_r2c_2d ((int) ny, (int) nx, rbuf, cbuf, flags);
      ps.inv = fftw_plan_dft_c2r_2d ((int) ny, (int) nx, cbuf, rbuf, flags);
    }
  ps.inv_x = fftw_plan_dft_c2r_1d ((int) nx, cbuf, rbuf, flags);
  if (!ps.fwd || !ps.inv || !ps.inv_x)
    {
      if (ps.fwd) fftw_destroy_plan (ps.fwd);
      if (ps.inv) fftw_destroy_plan (ps.inv);
      if (ps.inv_x) fftw_destroy_plan (ps.inv_x);
      return NULL;
    }
  plan_cache[plan_cache_n] = ps;
  return &plan_cache[plan_cache_n++];
}

/* Idle workspaces kept warm for flx_elastic_workspace_acquire (same lock). */
#define POOL_SIZE 8
static FlxElasticWorkspace *pool[POOL_SIZE];
static size_t pool_n;

void
flx_elastic_cleanup (void)
{
  flx_fftw_lock ();
  FlxElasticWorkspace *idle[POOL_SIZE];
  size_t n_idle = pool_n;
  memcpy (idle, pool, sizeof pool);
  pool_n = 0;
  flx_fftw_unlock ();
  for (size_t i = 0; i < n_idle; i++)
    flx_elastic_workspace_free (idle[i]);
  flx_fftw_lock ();
  for (size_t i = 0; i < plan_cache_n; i++)
    {
      fftw_destroy_plan (plan_cache[i].fwd);
      fftw_destroy_plan (plan_cache[i].inv);
      fftw_destroy_plan (plan_cache[i].inv_x);
    }
  plan_cache_n = 0;
  fftw_cleanup ();
  flx_fftw_unlock ();
}

/* ---- materials ------------------------------------------------------------------- */

void
flx_elastic_material_from_young (FlxElasticMaterial *m, double E, double nu)
{
  m->mu = E / (2.0 * (1.0 + nu));
  m->lambda = E * nu / ((1.0 + nu) * (1.0 - 2.0 * nu));
}

void
flx_elastic_material_voigt_cubic (FlxElasticMaterial *m, double c11, double c12, double c44)
{
  m->mu = (c11 - c12 + 3.0 * c44) / 5.0;
  m->lambda = (c11 + 4.0 * c12 - 2.0 * c44) / 5.0;
}

double
flx_elastic_material_young (const FlxElasticMaterial *m)
{
  return m->mu * (3.0 * m->lambda + 2.0 * m->mu) / (m->lambda + m->mu);
}

double
flx_elastic_material_poisson (const FlxElasticMaterial *m)
{
  return m->lambda / (2.0 * (m->lambda + m->mu));
}

FlxStatus
flx_elastic_material_check (const FlxElasticMaterial *m, char *errmsg, size_t errmsg_len)
{
  if (m == NULL || !isfinite (m->mu) || !isfinite (m->lambda) || m->mu <= 0.0)
    return flx_set_error (errmsg, errmsg_len, FLX_E_PARAM,
                          "elastic material: the shear modulus must be positive");
  /* Positive definite: bulk modulus lambda + 2 mu / 3 > 0, i.e. -1 < nu < 0.5. */
  if (m->lambda + 2.0 * m->mu / 3.0 <= 0.0)
    return flx_set_error (errmsg, errmsg_len, FLX_E_PARAM,
                          "elastic material: Poisson's ratio %.3g is outside (-1, 0.5)",
                          flx_elastic_material_poisson (m));
  return FLX_OK;
}

/* ---- workspace --------------------------------------------------------------------- */

struct _FlxElasticWorkspace {
  size_t nx, ny, nkx, nk;
  double lx, ly;
  double *kx, *ky;           /* nkx, ny: wavenumbers (rad/m); Nyquist entries unused */
  fftw_complex *ph, *qxh, *qyh;  /* traction spectra (unnormalised) */
  double complex *a0[3], *a1[3]; /* solution coefficients per displacement component */
  FlxElasticMaterial mat;
  bool solved;
  fftw_plan fwd, inv, inv_x;
  int nthreads;
  double **rbuf;             /* per thread: nx * ny reals */
  fftw_complex **cbuf;       /* per thread: nk complex */
  double **ebuf;             /* per thread: nk reals, exp(-k z) of the current level */
  double **sbuf;             /* per thread: nk reals, exp(-k dz) for uniform depth steps */
  double *kmag;              /* nk: |k| */
  double complex *b;         /* 2 x bcap x nk: per-call output coefficients b0, b1 */
  size_t bcap;
};

FlxElasticWorkspace *
flx_elastic_workspace_acquire (size_t nx, size_t ny, double lx, double ly, char *errmsg,
                               size_t errmsg_len)
{
  FlxElasticWorkspace *ws = NULL;
  flx_fftw_lock ();
  for (size_t i = 0; i < pool_n; i++)
    if (pool[i]->nx == nx && pool[i]->ny == ny)
      {
        ws = pool[i];
        pool[i] = pool[--pool_n];
        break;
      }
  flx_fftw_unlock ();
  if (ws == NULL)
    return flx_elastic_workspace_new (nx, ny, lx, ly, false, errmsg, errmsg_len);
  if (flx_elastic_workspace_set_size (ws, lx, ly) != FLX_OK)
    {
      flx_elastic_workspace_release (ws);
      flx_set_error (errmsg, errmsg_len, FLX_E_PARAM,
                     "elastic grid: the cell size must be positive");
      return NULL;
    }
  return ws;
}

void
flx_elastic_workspace_release (FlxElasticWorkspace *ws)
{
  if (ws == NULL)
    return;
  ws->solved = false;
  flx_fftw_lock ();
  bool kept = pool_n < POOL_SIZE;
  if (kept)
    pool[pool_n++] = ws;
  flx_fftw_unlock ();
  if (!kept)
    flx_elastic_workspace_free (ws);
}

size_t flx_elastic_workspace_nx (const FlxElasticWorkspace *ws) { return ws->nx; }
size_t flx_elastic_workspace_ny (const FlxElasticWorkspace *ws) { return ws->ny; }

void
flx_elastic_workspace_free (FlxElasticWorkspace *ws)
{
  if (ws == NULL)
    return;
  /* The plans belong to the cache. */
  for (int t = 0; t < ws->nthreads; t++)
    {
      if (ws->rbuf) fftw_free (ws->rbuf[t]);
      if (ws->cbuf) fftw_free (ws->cbuf[t]);
      if (ws->ebuf) fftw_free (ws->ebuf[t]);
      if (ws->sbuf) fftw_free (ws->sbuf[t]);
    }
  free (ws->sbuf);
  free (ws->kmag);
  fftw_free (ws->b);
  free (ws->rbuf);
  free (ws->cbuf);
  free (ws->ebuf);
  for (int d = 0; d < 3; d++)
    {
      fftw_free (ws->a0[d]);
      fftw_free (ws->a1[d]);
    }
  fftw_free (ws->ph);
  fftw_free (ws->qxh);
  fftw_free (ws->qyh);
  free (ws->kx);
  free (ws->ky);
  free (ws);
}

FlxStatus
flx_elastic_workspace_set_size (FlxElasticWorkspace *ws, double lx, double ly)
{
  if (!(lx > 0.0) || !isfinite (lx) || (ws->ny > 1 && (!(ly > 0.0) || !isfinite (ly))))
    return FLX_E_PARAM;
  const size_t ny = ws->ny;
  ws->lx = lx;
  ws->ly = ny > 1 ? ly : 1.0;
  for (size_t i = 0; i < ws->nkx; i++)
    ws->kx[i] = 2.0 * M_PI * (double) i / lx;
  for (size_t j = 0; j < ny; j++)
    {
      long jj = j <= ny / 2 ? (long) j : (long) j - (long) ny;
      ws->ky[j] = ny > 1 ? 2.0 * M_PI * (double) jj / ly : 0.0;
    }
  for (size_t j = 0; j < ny; j++)
    for (size_t i = 0; i < ws->nkx; i++)
      ws->kmag[j * ws->nkx + i] = hypot (ws->kx[i], ws->ky[j]);
  ws->solved = false;
  return FLX_OK;
}

FlxElasticWorkspace *
flx_elastic_workspace_new (size_t nx, size_t ny, double lx, double ly, bool measure,
                           char *errmsg, size_t errmsg_len)
{
  if (nx < 4 || nx > MAX_SIZE || nx % 2 != 0
      || !(ny == 1 || (ny >= 4 && ny <= MAX_SIZE && ny % 2 == 0)) || nx * ny > MAX_POINTS)
    {
      flx_set_error (errmsg, errmsg_len, FLX_E_PARAM,
                     "elastic grid %zu x %zu: sizes must be even, 4..%d (ny may be 1), "
                     "at most %d points", nx, ny, MAX_SIZE, MAX_POINTS);
      return NULL;
    }
  if (!(lx > 0.0) || !isfinite (lx) || (ny > 1 && (!(ly > 0.0) || !isfinite (ly))))
    {
      flx_set_error (errmsg, errmsg_len, FLX_E_PARAM,
                     "elastic grid: the cell size must be positive");
      return NULL;
    }

  FlxElasticWorkspace *ws = calloc (1, sizeof *ws);
  if (ws == NULL)
    goto nomem;
  ws->nx = nx;
  ws->ny = ny;
  ws->nkx = nx / 2 + 1;
  ws->nk = ws->nkx * ny;
  ws->lx = lx;
  ws->ly = ny > 1 ? ly : 1.0;
  long ncpu = sysconf (_SC_NPROCESSORS_ONLN);
  ws->nthreads = ncpu < 1 ? 1 : ncpu > MAX_THREADS ? MAX_THREADS : (int) ncpu;

  ws->kx = malloc (ws->nkx * sizeof (double));
  ws->ky = malloc (ny * sizeof (double));
  ws->kmag = malloc (ws->nk * sizeof (double));
  ws->ph = fftw_malloc (ws->nk * sizeof (fftw_complex));
  ws->qxh = fftw_malloc (ws->nk * sizeof (fftw_complex));
  ws->qyh = fftw_malloc (ws->nk * sizeof (fftw_complex));
  if (!ws->kx || !ws->ky || !ws->kmag || !ws->ph || !ws->qxh || !ws->qyh)
    goto nomem;
  for (int d = 0; d < 3; d++)
    {
      ws->a0[d] = fftw_malloc (ws->nk * sizeof (double complex));
      ws->a1[d] = fftw_malloc (ws->nk * sizeof (double complex));
      if (!ws->a0[d] || !ws->a1[d])
        goto nomem;
    }
  ws->rbuf = calloc (ws->nthreads, sizeof (double *));
  ws->cbuf = calloc (ws->nthreads, sizeof (fftw_complex *));
  ws->ebuf = calloc (ws->nthreads, sizeof (double *));
  ws->sbuf = calloc (ws->nthreads, sizeof (double *));
  if (!ws->rbuf || !ws->cbuf || !ws->ebuf || !ws->sbuf)
    goto nomem;
  for (int t = 0; t < ws->nthreads; t++)
    {
      ws->rbuf[t] = fftw_malloc (nx * ny * sizeof (double));
      ws->cbuf[t] = fftw_malloc (ws->nk * sizeof (fftw_complex));
      ws->ebuf[t] = fftw_malloc (ws->nk * sizeof (double));
      ws->sbuf[t] = fftw_malloc (ws->nk * sizeof (double));
      if (!ws->rbuf[t] || !ws->cbuf[t] || !ws->ebuf[t] || !ws->sbuf[t])
        goto nomem;
    }

  flx_elastic_workspace_set_size (ws, lx, ly);

  /* Plans on our own scratch buffers, before any data is in them: FFTW_MEASURE
   * overwrites its arrays while timing. */
  unsigned flags = measure ? FFTW_MEASURE : FFTW_ESTIMATE;
  flx_fftw_lock ();
  const PlanSet *ps = plans_get (nx, ny, flags, ws->rbuf[0], ws->cbuf[0]);
  if (ps != NULL)
    {
      ws->fwd = ps->fwd;
      ws->inv = ps->inv;
      ws->inv_x = ps->inv_x;
    }
  flx_fftw_unlock ();
  if (ps == NULL)
    goto nomem;
  return ws;

nomem:
  flx_elastic_workspace_free (ws);
  flx_set_error (errmsg, errmsg_len, FLX_E_NOMEM,
                 "out of memory for a %zu x %zu elastic grid", nx, ny);
  return NULL;
}

/* ---- solve ------------------------------------------------------------------------- */

static int
load_spectrum (FlxElasticWorkspace *ws, const double *src, fftw_complex *dst)
{
  size_t n = ws->nx * ws->ny;
  if (src == NULL)
    {
      memset (dst, 0, ws->nk * sizeof (fftw_complex));
      return 0;
    }
  for (size_t i = 0; i < n; i++)
    if (!isfinite (src[i]))
      return -1;
  memcpy (ws->rbuf[0], src, n * sizeof (double));
  fftw_execute_dft_r2c (ws->fwd, ws->rbuf[0], dst);
  /* Drop Nyquist modes (see header). */
  for (size_t j = 0; j < ws->ny; j++)
    {
      dst[j * ws->nkx + ws->nkx - 1] = 0.0;
    }
  if (ws->ny > 1)
    for (size_t i = 0; i < ws->nkx; i++)
      {
        dst[(ws->ny / 2) * ws->nkx + i] = 0.0;
      }
  return 0;
}


FlxStatus
flx_elastic_solve (FlxElasticWorkspace *ws, const FlxElasticMaterial *m, const double *p,
                   const double *qx, const double *qy, char *errmsg, size_t errmsg_len)
{
  FlxStatus st = flx_elastic_material_check (m, errmsg, errmsg_len);
  if (st != FLX_OK)
    return st;
  ws->solved = false;
  if (load_spectrum (ws, p, ws->ph) || load_spectrum (ws, qx, ws->qxh)
      || load_spectrum (ws, qy, ws->qyh))
    return flx_set_error (errmsg, errmsg_len, FLX_E_PARAM,
                          "elastic solve: the traction contains NaN or infinity");
  ws->mat = *m;
  const double lam = m->lambda, mu = m->mu;

  for (size_t j = 0; j < ws->ny; j++)
    for (size_t i = 0; i < ws->nkx; i++)
      {
        size_t idx = j * ws->nkx + i;
        double kx = ws->kx[i], ky = ws->ky[j];
        double k = hypot (kx, ky);
        double complex P = ws->ph[idx];
        double complex Qx = ws->qxh[idx], Qy = ws->qyh[idx];
        if (k == 0.0)
          {
            /* Laterally clamped uniform state, integrated from the surface. */
            ws->a0[0][idx] = ws->a0[1][idx] = ws->a0[2][idx] = 0.0;
            ws->a1[0][idx] = -Qx / mu;
            ws->a1[1][idx] = -Qy / mu;
            ws->a1[2][idx] = -P / (lam + 2.0 * mu);
            continue;
          }
        double cx = kx / k, cy = ky / k;
        double complex QL = cx * Qx + cy * Qy;   /* shear along k */
        double complex QT = -cy * Qx + cx * Qy;  /* shear across k */
        double complex W = P - I * QL;
        double complex D = W / (2.0 * mu * k);
        double complex B = -D;
        double complex C = W / (2.0 * k * (lam + mu)) + P / (2.0 * mu * k);
        double complex S = W * (lam + 3.0 * mu) / (2.0 * mu * k * (lam + mu));
        double complex A = S - C;
        /* along: i (A + B k z), across: QT / (mu k), z: C + D k z */
        double complex al0 = I * A, al1 = I * B * k;
        double complex ac0 = QT / (mu * k);
        ws->a0[0][idx] = cx * al0 - cy * ac0;
        ws->a1[0][idx] = cx * al1;
        ws->a0[1][idx] = cy * al0 + cx * ac0;
        ws->a1[1][idx] = cy * al1;
        ws->a0[2][idx] = C;
        ws->a1[2][idx] = D * k;
      }
  ws->solved = true;
  return FLX_OK;
}

void
flx_elastic_net_force (const FlxElasticWorkspace *ws, double force[3])
{
  double area = ws->lx * ws->ly / (double) (ws->nx * ws->ny);
  force[0] = creal (ws->qxh[0]) * area;
  force[1] = creal (ws->qyh[0]) * area;
  force[2] = creal (ws->ph[0]) * area;
}

/* ---- evaluation -------------------------------------------------------------------- */

static FlxStatus
check_request (const FlxElasticWorkspace *ws, const double *z, size_t nz,
               const unsigned *comps, size_t ncomp, char *errmsg, size_t errmsg_len)
{
  if (!ws->solved)
    return flx_set_error (errmsg, errmsg_len, FLX_E_PARAM,
                          "elastic: flx_elastic_solve must succeed before evaluation");
  for (size_t l = 0; l < nz; l++)
    if (!(z[l] >= 0.0) || !isfinite (z[l]))
      return flx_set_error (errmsg, errmsg_len, FLX_E_PARAM,
                            "elastic: depth %g m is not >= 0", z[l]);
  for (size_t c = 0; c < ncomp; c++)
    if ((comps[c] & 0xffu) >= FLX_ELASTIC_N_COMPONENTS
        || (comps[c] & ~(0xffu | FLX_ELASTIC_DX | FLX_ELASTIC_DY | FLX_ELASTIC_DZ)))
      return flx_set_error (errmsg, errmsg_len, FLX_E_PARAM,
                            "elastic: unknown component code 0x%x", comps[c]);
  return FLX_OK;
}

/* The spectral value of one component at one wavevector, from u, u' and u'' (d/dz). */
static inline double complex
component_value (unsigned code, double kx, double ky, const double complex *u0,
                 const double complex *u1, const double complex *u2, double lam, double mu)
{
  const double complex *U = (code & FLX_ELASTIC_DZ) ? u1 : u0;
  const double complex *dU = (code & FLX_ELASTIC_DZ) ? u2 : u1;
  double complex exx = I * kx * U[0], eyy = I * ky * U[1], ezz = dU[2];
  double complex v;
  switch (code & 0xffu)
    {
    case FLX_ELASTIC_UX: v = U[0]; break;
    case FLX_ELASTIC_UY: v = U[1]; break;
    case FLX_ELASTIC_UZ: v = U[2]; break;
    case FLX_ELASTIC_EXX: v = exx; break;
    case FLX_ELASTIC_EYY: v = eyy; break;
    case FLX_ELASTIC_EZZ: v = ezz; break;
    case FLX_ELASTIC_EYZ: v = 0.5 * (dU[1] + I * ky * U[2]); break;
    case FLX_ELASTIC_EXZ: v = 0.5 * (dU[0] + I * kx * U[2]); break;
    case FLX_ELASTIC_EXY: v = 0.5 * I * (ky * U[0] + kx * U[1]); break;
    case FLX_ELASTIC_SXX: v = lam * (exx + eyy + ezz) + 2.0 * mu * exx; break;
    case FLX_ELASTIC_SYY: v = lam * (exx + eyy + ezz) + 2.0 * mu * eyy; break;
    case FLX_ELASTIC_SZZ: v = lam * (exx + eyy + ezz) + 2.0 * mu * ezz; break;
    case FLX_ELASTIC_SYZ: v = mu * (dU[1] + I * ky * U[2]); break;
    case FLX_ELASTIC_SXZ: v = mu * (dU[0] + I * kx * U[2]); break;
    case FLX_ELASTIC_SXY: v = mu * I * (ky * U[0] + kx * U[1]); break;
    case FLX_ELASTIC_E_INPLANE: v = exx + eyy; break;
    default: v = 0.0; break;
    }
  if (code & FLX_ELASTIC_DX)
    v *= I * kx;
  if (code & FLX_ELASTIC_DY)
    v *= I * ky;
  return v;
}

/* Every output is (b0 + b1 z) exp(-k z) per wavevector: u, u' and u'' of a polynomial of
 * degree one times exp(-k z) keep that form.  coefficients() returns b0, b1 for one
 * component, so a depth level costs one complex multiply-add per wavevector. */
static inline void
coefficients (const FlxElasticWorkspace *ws, unsigned code, size_t idx, double kx, double ky,
              double k, double complex *b0, double complex *b1)
{
  double complex u0[3], u1[3], u2[3], v0[3], v1[3], v2[3];
  for (int d = 0; d < 3; d++)
    {
      double complex a0 = ws->a0[d][idx], a1 = ws->a1[d][idx];
      u0[d] = a0;                       /* u   = (a0 + a1 z) E */
      v0[d] = a1;
      u1[d] = a1 - k * a0;              /* u'  = ((a1 - k a0) - k a1 z) E */
      v1[d] = -k * a1;
      u2[d] = k * k * a0 - 2.0 * k * a1; /* u'' = ((k^2 a0 - 2 k a1) + k^2 a1 z) E */
      v2[d] = k * k * a1;
    }
  *b0 = component_value (code, kx, ky, u0, u1, u2, ws->mat.lambda, ws->mat.mu);
  *b1 = component_value (code, kx, ky, v0, v1, v2, ws->mat.lambda, ws->mat.mu);
}

static inline double complex
spectral_at (const FlxElasticWorkspace *ws, unsigned code, size_t i, size_t j, double z,
             double E)
{
  double complex b0, b1;
  double kx = ws->kx[i], ky = ws->ky[j];
  coefficients (ws, code, j * ws->nkx + i, kx, ky, hypot (kx, ky), &b0, &b1);
  return (b0 + b1 * z) * E;
}

static double
now_seconds (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (double) ts.tv_sec + 1e-9 * (double) ts.tv_nsec;
}

/* Progress from the calling thread (worker 0), at most ~20 Hz after the first call. */
typedef struct {
  FlxProgressFunc func;
  void *data;
  double last;
  int calls;
} Gate;

static int
gate_report (Gate *g, double fraction)
{
  if (g->func == NULL)
    return 0;
  double t = now_seconds ();
  if (g->calls > 0 && t - g->last < 0.05)
    return 0;
  g->calls++;
  g->last = t;
  return g->func (fraction, g->data) != 0;
}

/* Grows the per-call coefficient store to ncomp components. */
static int
reserve_coefficients (FlxElasticWorkspace *ws, size_t ncomp)
{
  if (ncomp <= ws->bcap)
    return 0;
  double complex *b = fftw_malloc (2 * ncomp * ws->nk * sizeof (double complex));
  if (b == NULL)
    return -1;
  fftw_free (ws->b);
  ws->b = b;
  ws->bcap = ncomp;
  return 0;
}

typedef enum { MODE_PLANES, MODE_SECTION } EvalMode;

#define LEVEL_BLOCK 8

/* Runs fn (ctx, t) for t = 0 .. n - 1, t = 0 on the calling thread, and joins.  Plain
 * threads rather than OpenMP: libgomp's default spin-waiting made two threads 3-5x
 * SLOWER than one on a loaded two-core machine (measured), while a join only sleeps.
 * Work is taken from shared atomic counters, so a thread that fails to start only means
 * fewer workers. */
typedef struct {
  void (*fn) (void *ctx, int t);
  void *ctx;
  int t;
} ThreadArg;

static void *
thread_main (void *data)
{
  ThreadArg *a = data;
  a->fn (a->ctx, a->t);
  return NULL;
}

static void
run_threads (int n, void (*fn) (void *ctx, int t), void *ctx)
{
  pthread_t th[MAX_THREADS];
  ThreadArg args[MAX_THREADS];
  bool started[MAX_THREADS] = { false };
  for (int t = 1; t < n && t < MAX_THREADS; t++)
    {
      args[t] = (ThreadArg) { fn, ctx, t };
      started[t] = pthread_create (&th[t], NULL, thread_main, &args[t]) == 0;
    }
  fn (ctx, 0);
  for (int t = 1; t < n && t < MAX_THREADS; t++)
    if (started[t])
      pthread_join (th[t], NULL);
}

typedef struct {
  FlxElasticWorkspace *ws;
  EvalMode mode;
  size_t j0, nz, ncomp, nrows, nused, nblocks;
  const double *z;
  const unsigned *comps;
  double *const *out;
  bool uniform;
  double dz;
  atomic_size_t next;      /* next row (coefficients) or level block (levels) */
  atomic_size_t done;      /* levels finished */
  atomic_int cancelled;
  Gate *gate;
} EvalJob;

/* Coefficients b0, b1 per component and row; a section folds in the phase
 * exp(i ky y0), so its y sum at one row is a plain sum over j. */
static void
coefficient_worker (void *data, int t)
{
  EvalJob *job = data;
  FlxElasticWorkspace *ws = job->ws;
  const size_t ny = ws->ny, nkx = ws->nkx, nk = ws->nk;
  for (size_t j; (j = atomic_fetch_add (&job->next, 1)) < ny;)
    {
      double complex ph = 1.0;
      if (job->mode == MODE_SECTION)
        ph = cexp (I * 2.0 * M_PI * (double) (j * job->j0 % ny) / (double) ny);
      for (size_t c = 0; c < job->ncomp; c++)
        {
          double complex *b0 = ws->b + 2 * c * nk, *b1 = b0 + nk;
          for (size_t i = 0; i < nkx; i++)
            {
              size_t idx = j * nkx + i;
              coefficients (ws, job->comps[c], idx, ws->kx[i], ws->ky[j], ws->kmag[idx],
                            &b0[idx], &b1[idx]);
              b0[idx] *= ph;
              b1[idx] *= ph;
            }
        }
    }
}

static void
level_worker (void *data, int t)
{
  EvalJob *job = data;
  FlxElasticWorkspace *ws = job->ws;
  const size_t nx = ws->nx, ny = ws->ny, nkx = ws->nkx, nk = ws->nk, nz = job->nz;
  const size_t nused = job->nused;
  const double norm = 1.0 / (double) (nx * ny);
  double *E = ws->ebuf[t], *step = ws->sbuf[t];
  fftw_complex *cb = ws->cbuf[t];
  double *rb = ws->rbuf[t];
  bool have_step = false;
  /* Blocks of contiguous levels, handed out dynamically: within a block the
   * exponentials are stepped, and a thread that the OS delays does not hold the others. */
  for (size_t blk; (blk = atomic_fetch_add (&job->next, 1)) < job->nblocks;)
    for (size_t l = blk * LEVEL_BLOCK;
         l < nz && l < (blk + 1) * LEVEL_BLOCK && !atomic_load (&job->cancelled); l++)
      {
        const double zl = job->z[l];
        if (l == blk * LEVEL_BLOCK || !job->uniform)
          {
            for (size_t n = 0; n < nused; n++)
              E[n] = exp (-ws->kmag[n] * zl);
            if (job->uniform && !have_step)
              {
                for (size_t n = 0; n < nused; n++)
                  step[n] = exp (-ws->kmag[n] * job->dz);
                have_step = true;
              }
          }
        else
          for (size_t n = 0; n < nused; n++)
            E[n] = E[n] * step[n] < 1e-250 ? 0.0 : E[n] * step[n]; /* no denormals */
        for (size_t c = 0; c < job->ncomp; c++)
          {
            const double complex *b0 = ws->b + 2 * c * nk, *b1 = b0 + nk;
            if (job->mode == MODE_PLANES)
              {
                for (size_t n = 0; n < nk; n++)
                  cb[n] = (b0[n] + b1[n] * zl) * E[n];
                fftw_execute_dft_c2r (ws->inv, cb, rb);
                double *dst = job->out[c] + l * nx * ny;
                for (size_t n = 0; n < nx * ny; n++)
                  dst[n] = rb[n] * norm;
              }
            else
              {
                for (size_t i = 0; i < nkx; i++)
                  cb[i] = 0.0;
                for (size_t j = 0; j < job->nrows; j++)
                  {
                    const size_t o = j * nkx;
                    for (size_t i = 0; i < nkx; i++)
                      cb[i] += (b0[o + i] + b1[o + i] * zl) * E[o + i];
                  }
                fftw_execute_dft_c2r (ws->inv_x, cb, rb);
                double *dst = job->out[c] + l * nx;
                for (size_t n = 0; n < nx; n++)
                  dst[n] = rb[n] * norm;
              }
          }
        size_t done = atomic_fetch_add (&job->done, 1) + 1;
        /* Only the calling thread talks to the caller's callback. */
        if (t == 0 && gate_report (job->gate, (double) done / (double) nz))
          atomic_store (&job->cancelled, 1);
      }
}

static FlxStatus
eval_levels (FlxElasticWorkspace *ws, EvalMode mode, size_t j0, const double *z, size_t nz,
             const unsigned *comps, size_t ncomp, double *const *out,
             FlxProgressFunc progress, void *user_data, char *errmsg, size_t errmsg_len)
{
  FlxStatus st = check_request (ws, z, nz, comps, ncomp, errmsg, errmsg_len);
  if (st != FLX_OK)
    return st;
  if (mode == MODE_SECTION && j0 >= ws->ny)
    return flx_set_error (errmsg, errmsg_len, FLX_E_PARAM,
                          "elastic: section row %zu outside 0..%zu", j0, ws->ny - 1);
  if (nz == 0 || ncomp == 0)
    return FLX_OK;
  if (reserve_coefficients (ws, ncomp))
    return flx_set_error (errmsg, errmsg_len, FLX_E_NOMEM, "elastic: out of memory");

  const size_t ny = ws->ny, nkx = ws->nkx, nk = ws->nk;
  /* A section needs rows j <= ny/2 only: +ky and -ky share exp(-|k| z), so their
   * coefficients are added once and the y sum runs over half the rows. */
  const size_t nrows = (mode == MODE_SECTION && ny > 1) ? ny / 2 : ny;
  /* A second thread pays off above ~1e6 wavevector-level-component products (FULL cfr
   * section: 3e6); below, thread start-up (~0.1 ms) costs more than it saves. */
  const double work = (double) nz * (double) (nrows * nkx) * (double) ncomp;
  const int nthreads = work > 1e6 ? ws->nthreads : 1;

  Gate gate = { progress, user_data, 0.0, 0 };
  EvalJob job = { .ws = ws, .mode = mode, .j0 = j0, .nz = nz, .ncomp = ncomp,
                  .nrows = nrows, .nused = nrows * nkx,
                  .nblocks = (nz + LEVEL_BLOCK - 1) / LEVEL_BLOCK, .z = z, .comps = comps,
                  .out = out, .gate = &gate };
  atomic_init (&job.next, 0);
  atomic_init (&job.done, 0);
  atomic_init (&job.cancelled, gate_report (&gate, 0.0));
  if (atomic_load (&job.cancelled))
    return flx_set_error (errmsg, errmsg_len, FLX_E_CANCELLED, "cancelled");

  run_threads (work > 1e6 && ny > 1 ? nthreads : 1, coefficient_worker, &job);
  if (nrows < ny)
    for (size_t c = 0; c < ncomp; c++)
      {
        double complex *b0 = ws->b + 2 * c * nk, *b1 = b0 + nk;
        for (size_t j = 1; j < nrows; j++)
          for (size_t i = 0; i < nkx; i++)
            {
              b0[j * nkx + i] += b0[(ny - j) * nkx + i];
              b1[j * nkx + i] += b1[(ny - j) * nkx + i];
            }
      }

  /* Uniform depth lists (the common case) step exp(-k z) by one multiplication. */
  job.uniform = nz > 2;
  job.dz = nz > 1 ? (z[nz - 1] - z[0]) / (double) (nz - 1) : 0.0;
  for (size_t l = 0; l < nz && job.uniform; l++)
    if (fabs (z[l] - (z[0] + (double) l * job.dz)) > 1e-9 * (fabs (z[nz - 1]) + job.dz))
      job.uniform = false;

  atomic_store (&job.next, 0);
  run_threads (nthreads, level_worker, &job);
  if (atomic_load (&job.cancelled))
    return flx_set_error (errmsg, errmsg_len, FLX_E_CANCELLED, "cancelled");
  return FLX_OK;
}

FlxStatus
flx_elastic_eval_planes (FlxElasticWorkspace *ws, const double *z, size_t nz,
                         const unsigned *comps, size_t ncomp, double *const *out,
                         FlxProgressFunc progress, void *user_data, char *errmsg,
                         size_t errmsg_len)
{
  return eval_levels (ws, MODE_PLANES, 0, z, nz, comps, ncomp, out, progress, user_data,
                      errmsg, errmsg_len);
}

FlxStatus
flx_elastic_eval_section_xz (FlxElasticWorkspace *ws, size_t j0, const double *z, size_t nz,
                             const unsigned *comps, size_t ncomp, double *const *out,
                             FlxProgressFunc progress, void *user_data, char *errmsg,
                             size_t errmsg_len)
{
  return eval_levels (ws, MODE_SECTION, j0, z, nz, comps, ncomp, out, progress, user_data,
                      errmsg, errmsg_len);
}

FlxStatus
flx_elastic_eval_column (FlxElasticWorkspace *ws, size_t i0, size_t j0, const double *z,
                         size_t nz, const unsigned *comps, size_t ncomp, double *const *out,
                         char *errmsg, size_t errmsg_len)
{
  FlxStatus st = check_request (ws, z, nz, comps, ncomp, errmsg, errmsg_len);
  if (st != FLX_OK)
    return st;
  if (i0 >= ws->nx || j0 >= ws->ny)
    return flx_set_error (errmsg, errmsg_len, FLX_E_PARAM,
                          "elastic: column (%zu, %zu) outside the grid", i0, j0);
  const size_t nx = ws->nx, ny = ws->ny, nkx = ws->nkx;
  const double norm = 1.0 / (double) (nx * ny);
  double complex *px = malloc (nkx * sizeof *px), *py = malloc (ny * sizeof *py);
  if (px == NULL || py == NULL)
    {
      free (px);
      free (py);
      return flx_set_error (errmsg, errmsg_len, FLX_E_NOMEM, "elastic: out of memory");
    }
  for (size_t i = 0; i < nkx; i++)
    px[i] = cexp (I * 2.0 * M_PI * (double) (i * i0 % nx) / (double) nx);
  for (size_t j = 0; j < ny; j++)
    py[j] = cexp (I * 2.0 * M_PI * (double) (j * j0 % ny) / (double) ny);
  for (size_t l = 0; l < nz; l++)
    for (size_t c = 0; c < ncomp; c++)
      {
        double sum = 0.0;
        for (size_t j = 0; j < ny; j++)
          for (size_t i = 0; i < nkx; i++)
            {
              double complex v = spectral_at (ws, comps[c], i, j, z[l],
                                              exp (-ws->kmag[j * nkx + i] * z[l]));
              /* Half spectrum: columns 1..nx/2-1 stand for their conjugate twins too. */
              double w = (i == 0 || i == nkx - 1) ? 1.0 : 2.0;
              sum += w * creal (v * px[i] * py[j]);
            }
        out[c][l] = sum * norm;
      }
  free (px);
  free (py);
  return FLX_OK;
}

/* ---- radial fill ------------------------------------------------------------------- */

FlxStatus
flx_elastic_fill_radial (double *grid, size_t nx, size_t ny, double lx, double ly,
                         double x0, double y0, double xc, double yc, double support,
                         FlxRadialProfile f, void *data, unsigned sub)
{
  double dx = lx / (double) nx, dy = ny > 1 ? ly / (double) ny : 0.0;
  if (sub < 1)
    sub = 1;
  if (!(support > 0.0) || xc - support < x0 - 0.5 * dx
      || xc + support > x0 + lx - 0.5 * dx
      || (ny > 1 && (yc - support < y0 - 0.5 * dy || yc + support > y0 + ly - 0.5 * dy)))
    return FLX_E_PARAM;
  for (size_t j = 0; j < ny; j++)
    for (size_t i = 0; i < nx; i++)
      {
        double x = x0 + (double) i * dx - xc;
        double y = ny > 1 ? y0 + (double) j * dy - yc : 0.0;
        double ex = fmax (0.0, fabs (x) - 0.5 * dx), ey = fmax (0.0, fabs (y) - 0.5 * dy);
        double rmin = hypot (ex, ey);
        double rmax = hypot (fabs (x) + 0.5 * dx, fabs (y) + 0.5 * dy);
        double v;
        if (rmin >= support)
          v = 0.0;
        else if (rmax <= support)
          v = f (hypot (x, y), data);
        else
          {
            /* ny == 1: a strip load uniform in y, "r" is |x|. */
            unsigned suby = ny > 1 ? sub : 1;
            double s = 0.0;
            for (unsigned b = 0; b < suby; b++)
              for (unsigned a = 0; a < sub; a++)
                {
                  double xs = x + dx * (((double) a + 0.5) / sub - 0.5);
                  double ys = ny > 1 ? y + dy * (((double) b + 0.5) / suby - 0.5) : 0.0;
                  double r = hypot (xs, ys);
                  if (r < support)
                    s += f (r, data);
                }
            v = s / (double) (sub * suby);
          }
        grid[j * nx + i] = v;
      }
  return FLX_OK;
}
