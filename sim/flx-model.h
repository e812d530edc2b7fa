/* flx-model.h: the model registry, one table per model that both the GUI and the command
 * line read (parameters with units and ranges, outputs), and the generic result container.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Units: every value crossing this interface is SI (m, N, Pa, V, A, C/m^2, Ohm, K, s),
 * except energies, which are in eV.  `unit` is the SI unit symbol as accepted by the
 * unit parser in app/ ("N", "m", "eV", "ohm*m", "" for dimensionless); `display_unit`
 * is the prefixed unit the GUI shows by default ("µN", "nm").
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "flx-types.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
  FLX_PARAM_NUMBER,  /* a real value in [min, max] */
  FLX_PARAM_CHOICE,  /* an index into choices[] (stored as a double) */
  FLX_PARAM_BOOLEAN, /* 0 or 1 */
} FlxParamKind;

typedef struct {
  const char  *name;          /* command-line name, e.g. "force"; public contract */
  const char  *label;         /* short human label, e.g. "Force" */
  const char  *unit;          /* SI unit symbol, "" for dimensionless */
  const char  *display_unit;  /* unit shown in the GUI, e.g. "µN"; NULL = unit */
  FlxParamKind kind;
  double       def, min, max; /* SI; for CHOICE an index, for BOOLEAN 0/1 */
  const char *const *choices; /* CHOICE only: NULL-terminated list of names */
  bool         log_scale;     /* slider moves in log10 */
  const char  *description;   /* one sentence with the source of the default */
} FlxParamSpec;

typedef struct {
  const char *name;  /* e.g. "contact_radius" */
  const char *label;
  const char *unit;  /* SI unit symbol */
  const char *description;
} FlxScalarSpec;

typedef struct {
  const char *name;  /* e.g. "iv" */
  const char *label;
  const char *x_label, *x_unit;
  const char *y_label, *y_unit;
  bool        log_y; /* plot y on a log axis (resistances spanning decades) */
} FlxSeriesSpec;

typedef struct {
  const char *name;  /* e.g. "strain_gradient_map" */
  const char *label;
  const char *unit;  /* unit of the values */
  const char *x_label, *y_label; /* axis names; axes are in metres */
  bool        signed_values;     /* a diverging colormap fits */
  /* Optional: names of two fields of the same grid to draw as arrows over this one
   * (e.g. the wall polarization over the WO3 domain pattern); NULL for none. */
  const char *vector_x, *vector_y;
} FlxFieldSpec;

/* A series is y(x) with n points; both arrays are owned by the result. */
typedef struct {
  double *x, *y;
  size_t  n;
} FlxSeries;

/* A 2D field sampled on an nx-by-ny grid, row-major (data[j * nx + i]), y upwards.
 * x0, x1 (y0, y1) are the positions in metres of the first and last sample (cell
 * centres), as in the HDF5 axes; a view showing cells extends half a spacing beyond
 * them.  data is owned by the result. */
typedef struct {
  double *data;
  size_t  nx, ny;
  double  x0, x1, y0, y1;
} FlxField;

typedef struct _FlxModel FlxModel;

/* A run's outputs.  Scalars the run could not define (e.g. an NDR onset voltage when
 * there is no NDR) have scalar_set[i] == false and must not be shown or printed. */
typedef struct {
  const FlxModel *model;
  FlxQuality      quality;
  double         *scalars;    /* n_scalars */
  bool           *scalar_set; /* n_scalars */
  FlxSeries      *series;     /* n_series; n == 0 when not produced */
  FlxField       *fields;     /* n_fields; data == NULL when not produced */
  char            note[512];  /* a one-line explanation for the user, may be empty */
  char            warning[512]; /* set when the parameters or the result leave the model's
                                 * range of validity (says which assumption fails); else "" */
  void           *extra;      /* model-specific detail for its page; freed by free_extra */
  void          (*free_extra) (void *extra);
} FlxResult;

/* Runs the model.  values[] holds one entry per parameter, in table order, already
 * validated against the table.  Fills out (allocated by flx_result_new). */
typedef FlxStatus (*FlxModelRunFunc) (const double *values, FlxQuality quality,
                                      FlxResult *out, FlxProgressFunc progress,
                                      void *user_data, char *errmsg, size_t errmsg_len);

struct _FlxModel {
  const char          *id;      /* "cfr", "vacancy", "wo3", "gradients", "lsmo" */
  const char          *title;   /* "Colossal flexoresistance" */
  const char          *summary; /* one sentence */
  const char          *source;  /* the paper it follows */
  const FlxParamSpec  *params;
  size_t               n_params;
  const FlxScalarSpec *scalars;
  size_t               n_scalars;
  const FlxSeriesSpec *series;
  size_t               n_series;
  const FlxFieldSpec  *fields;
  size_t               n_fields;
  FlxModelRunFunc      run;     /* NULL: not implemented yet */
  /* Optional: a choice that presets other parameters (cfr's material sets eps_r, band gap
   * and f_eff).  Called with the index of the parameter that changed; may change others
   * in values[].  The GUI calls it on every change, the command line once before applying
   * the explicitly set values, so explicit values always win. */
  void               (*preset) (int changed, double *values);
  /* Optional: whether parameter `index` matters for the current values (vacancy's
   * contact radius only for the flat punch, a gradients scenario's own inputs).  The GUI
   * hides irrelevant controls; the command line still accepts them. */
  bool               (*param_relevant) (int index, const double *values);
};

/* Registry */
size_t          flx_model_count (void);
const FlxModel *flx_model_get (size_t index);
const FlxModel *flx_model_find (const char *id);
int             flx_model_find_param (const FlxModel *model, const char *name);
int             flx_model_find_scalar (const FlxModel *model, const char *name);
int             flx_model_find_series (const FlxModel *model, const char *name);
int             flx_model_find_field (const FlxModel *model, const char *name);
size_t          flx_param_n_choices (const FlxParamSpec *spec);
int             flx_param_find_choice (const FlxParamSpec *spec, const char *name);

/* Applies the model's preset hook (if any) for a change of parameter `changed`. */
void            flx_model_preset (const FlxModel *model, int changed, double *values);
/* True when the model has no relevance hook or the hook says parameter `index` matters. */
bool            flx_model_param_relevant (const FlxModel *model, int index,
                                          const double *values);

/* Fills values[] with every parameter's default. */
void            flx_model_defaults (const FlxModel *model, double *values);

/* Checks one value against its spec: finite, inside [min, max], a valid choice index
 * or boolean.  On failure writes a message naming the parameter and the allowed range. */
FlxStatus       flx_param_check (const FlxParamSpec *spec, double value,
                                 char *errmsg, size_t errmsg_len);
FlxStatus       flx_model_check (const FlxModel *model, const double *values,
                                 char *errmsg, size_t errmsg_len);

/* Runs the model after checking values; FLX_E_NOT_IMPLEMENTED when run is NULL.
 * On success *out is a new result to free with flx_result_free. */
FlxStatus       flx_model_run (const FlxModel *model, const double *values,
                               FlxQuality quality, FlxResult **out,
                               FlxProgressFunc progress, void *user_data,
                               char *errmsg, size_t errmsg_len);

/* Results */
FlxResult      *flx_result_new (const FlxModel *model);
void            flx_result_free (FlxResult *result);
void            flx_result_set_scalar (FlxResult *result, const char *name, double value);
/* Copies n points into the named series (replacing any previous content). */
FlxStatus       flx_result_set_series (FlxResult *result, const char *name,
                                       const double *x, const double *y, size_t n);
/* Allocates the named field (zeroed) and returns its data pointer, NULL on failure. */
double         *flx_result_alloc_field (FlxResult *result, const char *name,
                                        size_t nx, size_t ny,
                                        double x0, double x1, double y0, double y1);
const FlxSeries *flx_result_get_series (const FlxResult *result, const char *name);
const FlxField  *flx_result_get_field (const FlxResult *result, const char *name);
bool             flx_result_get_scalar (const FlxResult *result, const char *name,
                                        double *value);

#ifdef __cplusplus
}
#endif
