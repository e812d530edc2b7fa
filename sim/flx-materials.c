/* flx-materials.c: built-in material table and a small keyfile reader (no GLib).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The built-in values copy data/materials/materials.ini, where each number carries its
 * literature source in a comment.  Numbers are parsed with strtod_l in the "C" locale,
 * so a German desktop (decimal comma) reads "3.2" as 3.2.
 */
#include "flx-materials.h"

#include <errno.h>
#include <stdbool.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GPA 1e9

static const FlxMaterial builtin[] = {
  { "SrTiO3", 20, 3.2, 318 * GPA, 103 * GPA, 124 * GPA, 336 * GPA, 25,
    "Park et al. 2020 (eps_r, bandgap, c33, f_eff); Bell & Rupprecht 1963 (c11, c12, c44)" },
  { "BaTiO3", 168, 3.2, 275 * GPA, 179 * GPA, 54.3 * GPA, 165 * GPA, 25,
    "Berlincourt & Jaffe 1958 (eps_r, c); Wemple 1970 (bandgap); f_eff placeholder" },
  { "CaTiO3", 170, 3.5, 332.8 * GPA, 105.1 * GPA, 113.9 * GPA, 332.8 * GPA, 25,
    "Lemanov 1999 (eps_r); bandgap approximate (check); isotropic estimate from "
    "Guennou 2010 (c); f_eff placeholder" },
  { "LaAlO3", 24, 5.5, 349.4 * GPA, 110.3 * GPA, 119.5 * GPA, 349.4 * GPA, 25,
    "Park et al. 2020 (bandgap); eps_r approximate (check); isotropic estimate from "
    "Bouvier & Kreisel 2002 (c); f_eff placeholder" },
};

size_t
flx_materials_builtin_count (void)
{
  return sizeof builtin / sizeof builtin[0];
}

const FlxMaterial *
flx_materials_builtin (size_t index)
{
  return index < flx_materials_builtin_count () ? &builtin[index] : NULL;
}

/* Set once before threads start (see the header), then only read. */
static FlxMaterial installed[sizeof builtin / sizeof builtin[0]];
static int have_installed;

FlxStatus
flx_materials_install (const FlxMaterialTable *table, char *errmsg, size_t errmsg_len)
{
  FlxMaterial copy[sizeof builtin / sizeof builtin[0]];

  for (size_t i = 0; i < flx_materials_builtin_count (); i++)
    {
      const FlxMaterial *m = flx_materials_table_find (table, builtin[i].name);
      if (m == NULL)
        return flx_set_error (errmsg, errmsg_len, FLX_E_PARAM,
                              "materials table has no [%s] group (needed: SrTiO3, BaTiO3, "
                              "CaTiO3, LaAlO3)", builtin[i].name);
      copy[i] = *m;
    }
  memcpy (installed, copy, sizeof installed);
  have_installed = 1;
  return FLX_OK;
}

const FlxMaterial *
flx_materials_current (size_t index)
{
  if (index >= flx_materials_builtin_count ())
    return NULL;
  return have_installed ? &installed[index] : &builtin[index];
}

FlxStatus
flx_materials_get (const char *name, FlxMaterial *props)
{
  for (size_t i = 0; name != NULL && i < flx_materials_builtin_count (); i++)
    if (strcmp (builtin[i].name, name) == 0)
      {
        if (props)
          *props = builtin[i];
        return FLX_OK;
      }
  return FLX_E_PARAM;
}

const FlxMaterial *
flx_materials_table_find (const FlxMaterialTable *table, const char *name)
{
  for (size_t i = 0; table != NULL && name != NULL && i < table->n; i++)
    if (strcmp (table->items[i].name, name) == 0)
      return &table->items[i];
  return NULL;
}

void
flx_materials_table_clear (FlxMaterialTable *table)
{
  if (table == NULL)
    return;
  free (table->items);
  table->items = NULL;
  table->n = 0;
}

/* ---- parser ------------------------------------------------------------------------- */

enum { K_EPS, K_GAP, K_C11, K_C12, K_C44, K_C33, K_FEFF, N_KEYS };
static const char *const key_names[N_KEYS] = { "eps_r", "bandgap", "c11", "c12", "c44",
                                               "c33", "f_eff" };

static char *
strip (char *s)
{
  while (*s == ' ' || *s == '\t')
    s++;
  size_t n = strlen (s);
  while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
    s[--n] = '\0';
  return s;
}

typedef struct {
  FlxMaterial m;
  unsigned seen; /* bit per key */
} Group;

static FlxStatus
finish_group (Group *g, FlxMaterialTable *t, int line, char *errmsg, size_t errmsg_len)
{
  for (int k = 0; k < N_KEYS; k++)
    if (!(g->seen & (1u << k)))
      return flx_set_error (errmsg, errmsg_len, FLX_E_PARAM,
                            "materials: [%s] (before line %d) lacks %s", g->m.name, line,
                            key_names[k]);
  FlxMaterial *items = realloc (t->items, (t->n + 1) * sizeof *items);
  if (items == NULL)
    return flx_set_error (errmsg, errmsg_len, FLX_E_NOMEM, "materials: out of memory");
  t->items = items;
  t->items[t->n++] = g->m;
  return FLX_OK;
}

FlxStatus
flx_materials_parse (const char *text, FlxMaterialTable *table, char *errmsg,
                     size_t errmsg_len)
{
  if (text == NULL || table == NULL)
    return flx_set_error (errmsg, errmsg_len, FLX_E_PARAM, "materials: no text");
  table->items = NULL;
  table->n = 0;
  char *buf = strdup (text);
  locale_t c_locale = newlocale (LC_NUMERIC_MASK, "C", (locale_t) 0);
  if (buf == NULL || c_locale == (locale_t) 0)
    {
      free (buf);
      if (c_locale != (locale_t) 0)
        freelocale (c_locale);
      return flx_set_error (errmsg, errmsg_len, FLX_E_NOMEM, "materials: out of memory");
    }

  FlxStatus st = FLX_OK;
  Group g;
  bool in_group = false;
  int line = 0;
  char *save = NULL;
  /* strtok_r would merge empty lines, which only costs line numbers: count by hand. */
  for (char *p = buf; p != NULL && st == FLX_OK; p = save)
    {
      char *nl = strchr (p, '\n');
      save = nl ? nl + 1 : NULL;
      if (nl)
        *nl = '\0';
      line++;
      char *s = strip (p);
      if (*s == '\0' || *s == '#' || *s == ';')
        continue;
      if (*s == '[')
        {
          char *end = strchr (s, ']');
          if (end == NULL || end[1] != '\0' || end == s + 1)
            {
              st = flx_set_error (errmsg, errmsg_len, FLX_E_PARAM,
                                  "materials: line %d: bad group header \"%s\"", line, s);
              break;
            }
          if (in_group && (st = finish_group (&g, table, line, errmsg, errmsg_len)) != FLX_OK)
            break;
          *end = '\0';
          char *name = strip (s + 1);
          if (strlen (name) >= sizeof g.m.name || *name == '\0')
            {
              st = flx_set_error (errmsg, errmsg_len, FLX_E_PARAM,
                                  "materials: line %d: bad material name", line);
              break;
            }
          if (flx_materials_table_find (table, name) != NULL)
            {
              st = flx_set_error (errmsg, errmsg_len, FLX_E_PARAM,
                                  "materials: line %d: [%s] appears twice", line, name);
              break;
            }
          memset (&g, 0, sizeof g);
          snprintf (g.m.name, sizeof g.m.name, "%s", name);
          in_group = true;
          continue;
        }
      char *eq = strchr (s, '=');
      if (eq == NULL || !in_group)
        {
          st = flx_set_error (errmsg, errmsg_len, FLX_E_PARAM,
                              eq == NULL ? "materials: line %d: expected key=value"
                                         : "materials: line %d: key outside a [group]",
                              line);
          break;
        }
      *eq = '\0';
      char *key = strip (s), *val = strip (eq + 1);
      if (strcmp (key, "source") == 0)
        {
          snprintf (g.m.source, sizeof g.m.source, "%s", val);
          continue;
        }
      int k;
      for (k = 0; k < N_KEYS; k++)
        if (strcmp (key, key_names[k]) == 0)
          break;
      if (k == N_KEYS)
        {
          st = flx_set_error (errmsg, errmsg_len, FLX_E_PARAM,
                              "materials: line %d: unknown key \"%s\"", line, key);
          break;
        }
      char *endp;
      errno = 0;
      double v = strtod_l (val, &endp, c_locale);
      if (endp == val || *strip (endp) != '\0' || errno != 0 || !isfinite (v) || v <= 0.0)
        {
          st = flx_set_error (errmsg, errmsg_len, FLX_E_PARAM,
                              "materials: line %d: %s needs a positive number, got \"%s\"",
                              line, key, val);
          break;
        }
      double *dst[N_KEYS] = { &g.m.eps_r, &g.m.bandgap, &g.m.c11, &g.m.c12, &g.m.c44,
                              &g.m.c33, &g.m.f_eff };
      bool gpa = k == K_C11 || k == K_C12 || k == K_C44 || k == K_C33;
      *dst[k] = gpa ? v * GPA : v;
      g.seen |= 1u << k;
    }
  if (st == FLX_OK && in_group)
    st = finish_group (&g, table, line + 1, errmsg, errmsg_len);
  if (st == FLX_OK && table->n == 0)
    st = flx_set_error (errmsg, errmsg_len, FLX_E_PARAM, "materials: no [material] groups");
  if (st != FLX_OK)
    flx_materials_table_clear (table);
  freelocale (c_locale);
  free (buf);
  return st;
}

FlxStatus
flx_materials_load (const char *path, FlxMaterialTable *table, char *errmsg,
                    size_t errmsg_len)
{
  if (table)
    {
      table->items = NULL;
      table->n = 0;
    }
  FILE *f = path ? fopen (path, "rb") : NULL;
  if (f == NULL)
    return flx_set_error (errmsg, errmsg_len, FLX_E_IO, "materials: cannot open %s: %s",
                          path ? path : "(null)", strerror (errno));
  /* A materials table is a few kB; refuse anything absurd rather than read it all. */
  char *text = malloc (1 << 20);
  size_t n = text ? fread (text, 1, (1 << 20) - 1, f) : 0;
  bool err = ferror (f) != 0, big = !feof (f);
  fclose (f);
  if (text == NULL)
    return flx_set_error (errmsg, errmsg_len, FLX_E_NOMEM, "materials: out of memory");
  if (err || big)
    {
      free (text);
      return flx_set_error (errmsg, errmsg_len, FLX_E_IO, "materials: cannot read %s%s", path,
                            big ? " (larger than 1 MiB)" : "");
    }
  text[n] = '\0';
  if (memchr (text, '\0', n) != NULL)
    {
      free (text);
      return flx_set_error (errmsg, errmsg_len, FLX_E_PARAM,
                            "materials: %s is not a text file", path);
    }
  FlxStatus st = flx_materials_parse (text, table, errmsg, errmsg_len);
  free (text);
  return st;
}
