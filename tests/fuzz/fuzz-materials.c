/* fuzz-materials.c: libFuzzer harness for the materials table parser (issue 11).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ~/.config/flexolab/materials.ini or $FLEXOLAB_MATERIALS is read at every start, and a
 * user may be handed one, so flx_materials_parse (sim/flx-materials.c) must take any
 * bytes.  Besides sanitizer reports, it checks the documented contract: on success every
 * constant is finite and positive and names are non-empty; on failure there is a message
 * and the table is left empty.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "flx-materials.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  char *text = malloc (size + 1);
  if (text == NULL)
    return 0;
  memcpy (text, data, size);
  text[size] = '\0';

  FlxMaterialTable table = { 0 };
  char err[512] = "";
  FlxStatus st = flx_materials_parse (text, &table, err, sizeof err);
  if (st == FLX_OK)
    {
      for (size_t i = 0; i < table.n; i++)
        {
          const FlxMaterial *m = &table.items[i];
          const double v[] = { m->eps_r, m->bandgap, m->c11, m->c12, m->c44, m->c33, m->f_eff };
          for (size_t k = 0; k < sizeof v / sizeof v[0]; k++)
            if (!isfinite (v[k]) || !(v[k] > 0))
              abort ();
          if (m->name[0] == '\0' || flx_materials_table_find (&table, m->name) == NULL)
            abort ();
        }
    }
  else if (err[0] == '\0' || table.n != 0)
    abort ();
  flx_materials_table_clear (&table);
  free (text);
  return 0;
}
