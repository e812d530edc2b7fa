/* flx-materials.h: film materials for the cfr model (and any model that needs them).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Values and their literature sources live in data/materials/materials.ini, a keyfile-style
 * text the user can copy and edit; the same table is built in here so the library works
 * without data files (test-materials checks that the two agree).  File units: bandgap in
 * eV, c-constants in GPa, f_eff in V; this API is SI (Pa) except energies (eV).
 *
 * Material choice vs explicit parameters (cfr): the material supplies the elastic
 * constants, which have no parameters of their own; eps_r, bandgap and f_eff are model
 * parameters and always win.  The GUI fills them from flx_materials_get() when the user
 * picks a material.
 */
#pragma once

#include <stddef.h>

#include "flx-types.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  char   name[32];
  double eps_r;              /* 1 */
  double bandgap;            /* eV */
  double c11, c12, c44;      /* Pa, cubic (or pseudo-cubic) stiffness */
  double c33;                /* Pa, contact stiffness of the cfr eq 9 */
  double f_eff;              /* V */
  char   source[256];
} FlxMaterial;

typedef struct {
  FlxMaterial *items;        /* owned; free with flx_materials_table_clear */
  size_t       n;
} FlxMaterialTable;

/* The built-in table (SrTiO3, BaTiO3, CaTiO3, LaAlO3, in that order, the order of the cfr
 * "material" choice). */
size_t             flx_materials_builtin_count (void);
const FlxMaterial *flx_materials_builtin (size_t index);
/* Copies the built-in material called name into *props; FLX_E_PARAM if unknown. */
FlxStatus          flx_materials_get (const char *name, FlxMaterial *props);

/* Parses keyfile text: [Name] groups with eps_r, bandgap, c11, c12, c44, c33, f_eff
 * (required, positive, finite; decimal point independent of the locale) and an optional
 * source.  '#' and ';' start comment lines.  Anything else is an error naming the line;
 * the table is then left empty.  Unknown keys are errors too, so typos do not pass. */
FlxStatus          flx_materials_parse (const char *text, FlxMaterialTable *table,
                                        char *errmsg, size_t errmsg_len);
/* Reads and parses a file; FLX_E_IO if it cannot be read, FLX_E_PARAM if malformed. */
FlxStatus          flx_materials_load (const char *path, FlxMaterialTable *table,
                                       char *errmsg, size_t errmsg_len);
/* The user's edited copy (e.g. ~/.config/flexolab/materials.ini).  The application
 * installs it once at start-up, before any solver thread runs; it is read-only afterwards,
 * the one piece of process-wide state in sim/ besides the FFTW plan cache.  Every name of
 * the built-in table must be present (they are the cfr "material" choices); extra groups
 * are kept but not selectable.  The table is copied.  FLX_E_PARAM names a missing one. */
FlxStatus          flx_materials_install (const FlxMaterialTable *table,
                                          char *errmsg, size_t errmsg_len);
/* The material behind choice `index`: the installed copy if any, else the built-in. */
const FlxMaterial *flx_materials_current (size_t index);

const FlxMaterial *flx_materials_table_find (const FlxMaterialTable *table, const char *name);
void               flx_materials_table_clear (FlxMaterialTable *table);

#ifdef __cplusplus
}
#endif
