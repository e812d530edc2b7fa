/* flx-model.c: the model registry and generic results.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "flx-model.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/flx-models.h"

static const FlxModel *const registry[] = {
  &flx_model_cfr,
  &flx_model_vacancy,
  &flx_model_wo3,
  &flx_model_gradients,
  &flx_model_lsmo,
};

const char *
flx_status_to_string (FlxStatus status)
{
  switch (status)
    {
    case FLX_OK: return "success";
    case FLX_E_PARAM: return "invalid parameter";
    case FLX_E_NOMEM: return "out of memory";
    case FLX_E_DIVERGED: return "solver did not converge";
    case FLX_E_CANCELLED: return "cancelled";
    case FLX_E_IO: return "input/output error";
    case FLX_E_NOT_IMPLEMENTED: return "not implemented yet";
    default: return "unknown error";
    }
}

FlxStatus
flx_set_error (char *errmsg, size_t errmsg_len, FlxStatus status, const char *format, ...)
{
  if (errmsg != NULL && errmsg_len > 0)
    {
      va_list ap;
      va_start (ap, format);
      vsnprintf (errmsg, errmsg_len, format, ap);
      va_end (ap);
    }
  return status;
}

size_t
flx_model_count (void)
{
  return sizeof registry / sizeof registry[0];
}

const FlxModel *
flx_model_get (size_t index)
{
  return index < flx_model_count () ? registry[index] : NULL;
}

const FlxModel *
flx_model_find (const char *id)
{
  if (id == NULL)
    return NULL;
  for (size_t i = 0; i < flx_model_count (); i++)
    if (strcmp (registry[i]->id, id) == 0)
      return registry[i];
  return NULL;
}

#define FIND_BY_NAME(array, count)                     \
  do {                                                 \
      if (model == NULL || name == NULL)               \
        return -1;                                     \
      for (size_t i = 0; i < model->count; i++)        \
        if (strcmp (model->array[i].name, name) == 0)  \
          return (int) i;                              \
      return -1;                                       \
    } while (0)

int flx_model_find_param (const FlxModel *model, const char *name) { FIND_BY_NAME (params, n_params); }
int flx_model_find_scalar (const FlxModel *model, const char *name) { FIND_BY_NAME (scalars, n_scalars); }
int flx_model_find_series (const FlxModel *model, const char *name) { FIND_BY_NAME (series, n_series); }
int flx_model_find_field (const FlxModel *model, const char *name) { FIND_BY_NAME (fields, n_fields); }

size_t
flx_param_n_choices (const FlxParamSpec *spec)
{
  size_t n = 0;
  if (spec->choices != NULL)
    while (spec->choices[n] != NULL)
      n++;
  return n;
}

int
flx_param_find_choice (const FlxParamSpec *spec, const char *name)
{
  for (size_t i = 0; i < flx_param_n_choices (spec); i++)
    if (strcmp (spec->choices[i], name) == 0)
      return (int) i;
  return -1;
}

void
flx_model_defaults (const FlxModel *model, double *values)
{
  for (size_t i = 0; i < model->n_params; i++)
    values[i] = model->params[i].def;
}

void
flx_model_preset (const FlxModel *model, int changed, double *values)
{
  if (model->preset != NULL && changed >= 0 && (size_t) changed < model->n_params)
    model->preset (changed, values);
}

bool
flx_model_param_relevant (const FlxModel *model, int index, const double *values)
{
  if (model->param_relevant == NULL || index < 0 || (size_t) index >= model->n_params)
    return true;
  return model->param_relevant (index, values);
}

FlxStatus
flx_param_check (const FlxParamSpec *spec, double value, char *errmsg, size_t errmsg_len)
{
  const char *unit = spec->unit[0] ? " " : "";

  if (!isfinite (value))
    return flx_set_error (errmsg, errmsg_len, FLX_E_PARAM,
                          "%s: value must be a finite number, allowed range %g%s%s to %g%s%s",
                          spec->name, spec->min, unit, spec->unit, spec->max, unit, spec->unit);
  switch (spec->kind)
    {
    case FLX_PARAM_CHOICE:
      if (value != floor (value) || value < 0 || value >= (double) flx_param_n_choices (spec))
        {
          char list[256] = "";
          for (size_t i = 0; i < flx_param_n_choices (spec); i++)
            {
              if (i > 0)
                strncat (list, ", ", sizeof list - strlen (list) - 1);
              strncat (list, spec->choices[i], sizeof list - strlen (list) - 1);
            }
          return flx_set_error (errmsg, errmsg_len, FLX_E_PARAM,
                                "%s: not one of the allowed choices (%s)", spec->name, list);
        }
      return FLX_OK;
    case FLX_PARAM_BOOLEAN:
      if (value != 0.0 && value != 1.0)
        return flx_set_error (errmsg, errmsg_len, FLX_E_PARAM,
                              "%s: must be true or false", spec->name);
      return FLX_OK;
    case FLX_PARAM_NUMBER:
    default:
      if (value < spec->min || value > spec->max)
        return flx_set_error (errmsg, errmsg_len, FLX_E_PARAM,
                              "%s: %g%s%s is out of range, allowed range %g%s%s to %g%s%s",
                              spec->name, value, unit, spec->unit,
                              spec->min, unit, spec->unit, spec->max, unit, spec->unit);
      return FLX_OK;
    }
}

FlxStatus
flx_model_check (const FlxModel *model, const double *values, char *errmsg, size_t errmsg_len)
{
  for (size_t i = 0; i < model->n_params; i++)
    {
      FlxStatus st = flx_param_check (&model->params[i], values[i], errmsg, errmsg_len);
      if (st != FLX_OK)
        return st;
    }
  return FLX_OK;
}

FlxStatus
flx_model_run (const FlxModel *model, const double *values, FlxQuality quality,
               FlxResult **out, FlxProgressFunc progress, void *user_data,
               char *errmsg, size_t errmsg_len)
{
  FlxStatus st;
  FlxResult *result;

  *out = NULL;
  if (model->run == NULL)
    return flx_set_error (errmsg, errmsg_len, FLX_E_NOT_IMPLEMENTED,
                          "model '%s' (%s) is not implemented yet", model->id, model->title);
  st = flx_model_check (model, values, errmsg, errmsg_len);
  if (st != FLX_OK)
    return st;
  result = flx_result_new (model);
  if (result == NULL)
    return flx_set_error (errmsg, errmsg_len, FLX_E_NOMEM, "out of memory");
  result->quality = quality;
  st = model->run (values, quality, result, progress, user_data, errmsg, errmsg_len);
  if (st != FLX_OK)
    {
      flx_result_free (result);
      return st;
    }
  /* Never hand out NaN or inf: a solver that produced one has failed. */
  for (size_t i = 0; i < model->n_scalars; i++)
    if (result->scalar_set[i] && !isfinite (result->scalars[i]))
      {
        st = flx_set_error (errmsg, errmsg_len, FLX_E_DIVERGED,
                            "%s: the solver produced a non-finite value for '%s'",
                            model->id, model->scalars[i].name);
        flx_result_free (result);
        return st;
      }
  *out = result;
  return FLX_OK;
}

FlxResult *
flx_result_new (const FlxModel *model)
{
  FlxResult *r = calloc (1, sizeof *r);
  if (r == NULL)
    return NULL;
  r->model = model;
  r->scalars = calloc (model->n_scalars + 1, sizeof *r->scalars);
  r->scalar_set = calloc (model->n_scalars + 1, sizeof *r->scalar_set);
  r->series = calloc (model->n_series + 1, sizeof *r->series);
  r->fields = calloc (model->n_fields + 1, sizeof *r->fields);
  if (!r->scalars || !r->scalar_set || !r->series || !r->fields)
    {
      flx_result_free (r);
      return NULL;
    }
  return r;
}

void
flx_result_free (FlxResult *r)
{
  if (r == NULL)
    return;
  if (r->series != NULL)
    for (size_t i = 0; i < r->model->n_series; i++)
      {
        free (r->series[i].x);
        free (r->series[i].y);
      }
  if (r->fields != NULL)
    for (size_t i = 0; i < r->model->n_fields; i++)
      free (r->fields[i].data);
  if (r->extra != NULL && r->free_extra != NULL)
    r->free_extra (r->extra);
  free (r->scalars);
  free (r->scalar_set);
  free (r->series);
  free (r->fields);
  free (r);
}

void
flx_result_set_scalar (FlxResult *r, const char *name, double value)
{
  int i = flx_model_find_scalar (r->model, name);
  if (i < 0)
    {
      fprintf (stderr, "flexolab: model %s has no scalar '%s'\n", r->model->id, name);
      abort (); /* a programming error in a model's table, never user input */
    }
  r->scalars[i] = value;
  r->scalar_set[i] = true;
}

FlxStatus
flx_result_set_series (FlxResult *r, const char *name, const double *x, const double *y, size_t n)
{
  int i = flx_model_find_series (r->model, name);
  FlxSeries *s;

  if (i < 0)
    {
      fprintf (stderr, "flexolab: model %s has no series '%s'\n", r->model->id, name);
      abort ();
    }
  s = &r->series[i];
  free (s->x);
  free (s->y);
  s->n = 0;
  s->x = malloc ((n ? n : 1) * sizeof (double));
  s->y = malloc ((n ? n : 1) * sizeof (double));
  if (s->x == NULL || s->y == NULL)
    {
      free (s->x);
      free (s->y);
      s->x = s->y = NULL;
      return FLX_E_NOMEM;
    }
  if (n > 0)
    {
      memcpy (s->x, x, n * sizeof (double));
      memcpy (s->y, y, n * sizeof (double));
    }
  s->n = n;
  return FLX_OK;
}

double *
flx_result_alloc_field (FlxResult *r, const char *name, size_t nx, size_t ny,
                        double x0, double x1, double y0, double y1)
{
  int i = flx_model_find_field (r->model, name);
  FlxField *f;

  if (i < 0)
    {
      fprintf (stderr, "flexolab: model %s has no field '%s'\n", r->model->id, name);
      abort ();
    }
  f = &r->fields[i];
  free (f->data);
  f->data = calloc (nx * ny, sizeof (double));
  if (f->data == NULL)
    return NULL;
  f->nx = nx;
  f->ny = ny;
  f->x0 = x0;
  f->x1 = x1;
  f->y0 = y0;
  f->y1 = y1;
  return f->data;
}

const FlxSeries *
flx_result_get_series (const FlxResult *r, const char *name)
{
  int i = flx_model_find_series (r->model, name);
  return i < 0 || r->series[i].n == 0 ? NULL : &r->series[i];
}

const FlxField *
flx_result_get_field (const FlxResult *r, const char *name)
{
  int i = flx_model_find_field (r->model, name);
  return i < 0 || r->fields[i].data == NULL ? NULL : &r->fields[i];
}

bool
flx_result_get_scalar (const FlxResult *r, const char *name, double *value)
{
  int i = flx_model_find_scalar (r->model, name);
  if (i < 0 || !r->scalar_set[i])
    return false;
  if (value != NULL)
    *value = r->scalars[i];
  return true;
}
