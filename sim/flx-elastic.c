/* flx-elastic.c: spectral Boussinesq-Cerruti half-space solver (see flx-elastic.h for
 * the equations, sign conventions, the k = 0 treatment and the method).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Implementation notes
 *   - The traction is transformed once (r2c, half spectrum along x).  The solution is
 *     stored as three pairs (a0, a1) per wavevector, one per displacement component, so a
 *     depth level costs one exp per wavevector plus a multiply-add per component.
 *   - Depth levels are independent: OpenMP splits them; each thread owns its scratch
 *     buffers (allocated up front in the workspace) and calls fftw_execute_dft_c2r, the
 *     thread-safe new-array interface, on the shared plan.
 *   - All FFT buffers come from fftw_malloc, so the new-array calls see the alignment the
 *     plans were made for.
 */
#include "flx-elastic.h"

#include <complex.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* complex.h comes first, so fftw_complex is C99 double complex (FFTW manual 4.1.1). */
#include <fftw3.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#define MAX_SIZE 16384
#define MAX_POINTS (1 << 24)

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

void
flx_elastic_cleanup (void)
{
  flx_fftw_lock ();
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

size_t flx_elastic_workspace_nx (const FlxElasticWorkspace *ws) { return ws->nx; }
size_t flx_elastic_workspace_ny (const FlxElasticWorkspace *ws) { return ws->ny; }

void
flx_elastic_workspace_free (FlxElasticWorkspace *ws)
{
  if (ws == NULL)
    return;
  flx_fftw_lock ();
  if (ws->fwd) fftw_destroy_plan (ws->fwd);
  if (ws->inv) fftw_destroy_plan (ws->inv);
  if (ws->inv_x) fftw_destroy_plan (ws->inv_x);
  flx_fftw_unlock ();
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
#ifdef _OPENMP
  ws->nthreads = omp_get_max_threads ();
  if (ws->nthreads < 1)
    ws->nthreads = 1;
#else
  ws->nthreads = 1;
#endif

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

  /* Plans on our own scratch buffers, before any data is in them: FFTW_MEASURE
   * overwrites its arrays while timing. */
  unsigned flags = measure ? FFTW_MEASURE : FFTW_ESTIMATE;
  flx_fftw_lock ();
  if (ny == 1)
    {
      ws->fwd = fftw_plan_dft_r2c_1d ((int) nx, ws->rbuf[0], ws->cbuf[0], flags);
      ws->inv = fftw_plan_dft_c2r_1d ((int) nx, ws->cbuf[0], ws->rbuf[0], flags);
    }
  else
    {
      ws->fwd = fftw_plan_dft_r2c_2d ((int) ny, (int) nx, ws->rbuf[0], ws->cbuf[0], flags);
      ws->inv = fftw_plan_dft_c2r_2d ((int) ny, (int) nx, ws->cbuf[0], ws->rbuf[0], flags);
    }
  ws->inv_x = fftw_plan_dft_c2r_1d ((int) nx, ws->cbuf[0], ws->rbuf[0], flags);
  flx_fftw_unlock ();
  if (!ws->fwd || !ws->inv || !ws->inv_x)
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

static inline int
thread_id (void)
{
#ifdef _OPENMP
  return omp_get_thread_num ();
#else
  return 0;
#endif
}

static inline int
thread_count (void)
{
#ifdef _OPENMP
  return omp_get_num_threads ();
#else
  return 1;
#endif
}

static double
now_seconds (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (double) ts.tv_sec + 1e-9 * (double) ts.tv_nsec;
}

/* Progress from the calling thread (OpenMP thread 0), at most ~20 Hz after the first. */
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

  const size_t nx = ws->nx, ny = ws->ny, nkx = ws->nkx, nk = ws->nk;
  const double norm = 1.0 / (double) (nx * ny);

  /* Coefficients b0, b1 per component; a section folds in the phase exp(i ky y0), so
   * its y sum at one row is a plain sum over j. */
  for (size_t c = 0; c < ncomp; c++)
    {
      double complex *b0 = ws->b + 2 * c * nk, *b1 = b0 + nk;
      for (size_t j = 0; j < ny; j++)
        {
          double complex ph = 1.0;
          if (mode == MODE_SECTION)
            ph = cexp (I * 2.0 * M_PI * (double) (j * j0 % ny) / (double) ny);
          for (size_t i = 0; i < nkx; i++)
            {
              size_t idx = j * nkx + i;
              coefficients (ws, comps[c], idx, ws->kx[i], ws->ky[j], ws->kmag[idx],
                            &b0[idx], &b1[idx]);
              b0[idx] *= ph;
              b1[idx] *= ph;
            }
        }
    }

  /* Uniform depth lists (the common case) step exp(-k z) by one multiplication. */
  bool uniform = nz > 2;
  double dz = nz > 1 ? (z[nz - 1] - z[0]) / (double) (nz - 1) : 0.0;
  for (size_t l = 0; l < nz && uniform; l++)
    if (fabs (z[l] - (z[0] + (double) l * dz)) > 1e-9 * (fabs (z[nz - 1]) + dz))
      uniform = false;

  Gate gate = { progress, user_data, 0.0, 0 };
  volatile int cancelled = gate_report (&gate, 0.0);
  int done = 0;

#pragma omp parallel num_threads (ws->nthreads)
  {
    int t = thread_id (), nt = thread_count ();
    /* Contiguous blocks of levels so each thread can step its exponentials. */
    size_t l0 = nz * (size_t) t / (size_t) nt, l1 = nz * (size_t) (t + 1) / (size_t) nt;
    double *E = ws->ebuf[t], *step = ws->sbuf[t];
    fftw_complex *cb = ws->cbuf[t];
    double *rb = ws->rbuf[t];
    for (size_t l = l0; l < l1 && !cancelled; l++)
      {
        if (l == l0 || !uniform)
          {
            for (size_t n = 0; n < nk; n++)
              E[n] = exp (-ws->kmag[n] * z[l]);
            if (uniform)
              for (size_t n = 0; n < nk; n++)
                step[n] = exp (-ws->kmag[n] * dz);
          }
        else
          for (size_t n = 0; n < nk; n++)
            E[n] = E[n] * step[n] < 1e-250 ? 0.0 : E[n] * step[n]; /* no denormals */
        const double zl = z[l];
        for (size_t c = 0; c < ncomp; c++)
          {
            const double complex *b0 = ws->b + 2 * c * nk, *b1 = b0 + nk;
            if (mode == MODE_PLANES)
              {
                for (size_t n = 0; n < nk; n++)
                  cb[n] = (b0[n] + b1[n] * zl) * E[n];
                fftw_execute_dft_c2r (ws->inv, cb, rb);
                double *dst = out[c] + l * nx * ny;
                for (size_t n = 0; n < nx * ny; n++)
                  dst[n] = rb[n] * norm;
              }
            else
              {
                for (size_t i = 0; i < nkx; i++)
                  cb[i] = 0.0;
                for (size_t j = 0; j < ny; j++)
                  {
                    const size_t o = j * nkx;
                    for (size_t i = 0; i < nkx; i++)
                      cb[i] += (b0[o + i] + b1[o + i] * zl) * E[o + i];
                  }
                fftw_execute_dft_c2r (ws->inv_x, cb, rb);
                double *dst = out[c] + l * nx;
                for (size_t n = 0; n < nx; n++)
                  dst[n] = rb[n] * norm;
              }
          }
#pragma omp atomic
        done++;
        if (t == 0 && gate_report (&gate, (double) done / (double) nz))
          cancelled = 1;
      }
  }
  if (cancelled)
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
  for (size_t l = 0; l < nz; l++)
    for (size_t c = 0; c < ncomp; c++)
      {
        double sum = 0.0;
        for (size_t j = 0; j < ny; j++)
          {
            double complex py = cexp (I * 2.0 * M_PI * (double) (j * j0 % ny) / (double) ny);
            for (size_t i = 0; i < nkx; i++)
              {
                double k = hypot (ws->kx[i], ws->ky[j]);
                double complex v = spectral_at (ws, comps[c], i, j, z[l], exp (-k * z[l]));
                double complex px = cexp (I * 2.0 * M_PI * (double) (i * i0 % nx) / (double) nx);
                /* Half spectrum: columns 1..nx/2-1 stand for their conjugate twins too. */
                double w = (i == 0 || i == nkx - 1) ? 1.0 : 2.0;
                sum += w * creal (v * px * py);
              }
          }
        out[c][l] = sum * norm;
      }
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
