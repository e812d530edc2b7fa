/* fuzz-units.c: libFuzzer harness for the unit and parameter parsers (issue 11).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every value a user types, and every value read from a session or preset file, goes
 * through flx_param_parse (app/flx-units.c), so it must survive any text.  The first input
 * byte picks a parameter spec from the registry (all models, in table order) so that
 * choices, booleans and every unit dimension are reached; the rest is the text.
 *
 * Beyond "no crash, no sanitizer report", it checks the parser's promises: a value it
 * accepts is finite and passes flx_param_check (so a parsed value can never reach a
 * solver out of range), and a refusal always carries a message.
 */
#include <glib.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "flx-model.h"
#include "flx-units.h"

static const FlxParamSpec *
pick_spec (uint8_t k)
{
  size_t total = 0;
  for (size_t i = 0; i < flx_model_count (); i++)
    total += flx_model_get (i)->n_params;
  size_t idx = k % total;
  for (size_t i = 0; i < flx_model_count (); i++)
    {
      const FlxModel *m = flx_model_get (i);
      if (idx < m->n_params)
        return &m->params[idx];
      idx -= m->n_params;
    }
  abort ();
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  if (size < 1)
    return 0;
  const FlxParamSpec *spec = pick_spec (data[0]);
  /* The parsers take C strings: an embedded NUL just ends the text early. */
  char *text = g_strndup ((const char *) data + 1, size - 1);

  double v = NAN;
  GError *error = NULL;
  if (flx_param_parse (spec, text, &v, &error))
    {
      char msg[256];
      if (!isfinite (v) || flx_param_check (spec, v, msg, sizeof msg) != FLX_OK)
        abort (); /* an accepted value must be usable as is */
    }
  else if (error == NULL || error->message == NULL || error->message[0] == '\0')
    abort ();
  g_clear_error (&error);

  /* The raw value parser against the spec's SI unit, then the unit grammar alone. */
  if (!flx_units_parse_value (text, spec->unit, &v, &error)
      && (error == NULL || error->message[0] == '\0'))
    abort ();
  g_clear_error (&error);
  FlxUnit unit;
  if (!flx_unit_parse (text, &unit, &error) && (error == NULL || error->message[0] == '\0'))
    abort ();
  g_clear_error (&error);

  g_free (text);
  return 0;
}
