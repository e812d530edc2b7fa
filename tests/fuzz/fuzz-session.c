/* fuzz-session.c: libFuzzer harness for the session/preset loader (issue 11).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Session files are the one input users swap with each other, so flx_session_parse
 * (app/flx-session.c) must take any bytes.  It checks the loader's documented contract as
 * well as crashes: NULL comes with an error; a session has at least one model, a
 * registered visible model, and values that pass flx_model_check (the GUI and CLI run
 * them as they are).  Then the round trip: what flx_session_to_data writes for that
 * session parses back without problems to bit-identical values (the format promises
 * exact SI numbers).
 */
#include <glib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "flx-model.h"
#include "flx-session.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  GError *error = NULL;
  FlxSession *s = flx_session_parse ((const char *) data, size, "fuzz", &error);
  if (s == NULL)
    {
      if (error == NULL || error->message[0] == '\0')
        abort ();
      g_error_free (error);
      return 0;
    }
  if (error != NULL || s->models->len == 0 || s->visible_model == NULL
      || flx_model_find (s->visible_model) == NULL)
    abort ();

  guint n = s->models->len;
  const FlxModel **models = g_new (const FlxModel *, n);
  const double **values = g_new (const double *, n);
  for (guint k = 0; k < n; k++)
    {
      const FlxSessionModel *sm = s->models->pdata[k];
      char msg[512];
      if (flx_model_check (sm->model, sm->values, msg, sizeof msg) != FLX_OK)
        abort ();
      models[k] = sm->model;
      values[k] = sm->values;
    }

  /* Pinned runs (format 1.2) load only with every value valid, sorted, at most 4 a model. */
  for (guint k = 0; k < s->pins->len; k++)
    {
      const FlxSessionModel *pin = s->pins->pdata[k];
      char msg[512];
      if (pin->pin < 1 || pin->pin > FLX_SESSION_MAX_PINS
          || flx_model_check (pin->model, pin->values, msg, sizeof msg) != FLX_OK)
        abort ();
    }

  char *text = flx_session_to_data_full (s->visible_model, models, values, n, s->pins, NULL);
  FlxSession *again = flx_session_parse (text, strlen (text), "round trip", &error);
  if (again == NULL || again->models->len != n || again->problems->len != 0
      || strcmp (again->visible_model, s->visible_model) != 0
      || again->pins->len != s->pins->len)
    abort ();
  for (guint k = 0; k < s->pins->len; k++)
    {
      const FlxSessionModel *a = s->pins->pdata[k], *b = again->pins->pdata[k];
      if (a->model != b->model || a->pin != b->pin
          || memcmp (a->values, b->values, a->model->n_params * sizeof (double)) != 0)
        abort ();
    }
  for (guint k = 0; k < n; k++)
    {
      const FlxSessionModel *a = s->models->pdata[k], *b = again->models->pdata[k];
      if (a->model != b->model
          || memcmp (a->values, b->values, a->model->n_params * sizeof (double)) != 0)
        abort ();
    }

  flx_session_free (again);
  g_free (text);
  g_free (models);
  g_free (values);
  flx_session_free (s);
  return 0;
}
