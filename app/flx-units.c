/* flx-units.c: unit-aware parsing and formatting.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Grammar (whitespace allowed between tokens):
 *   expr   := term (('*' | '·' | '/' | ' ') term)*
 *   term   := '(' expr ')' power? | number | symbol power?
 *   power  := '^' signed-int | signed-int written straight after the symbol ("m2", "cm-3")
 * A symbol is a base unit ("N", "eV", "ohm") optionally preceded by an SI prefix; the exact
 * unit name wins over prefix + unit, so "mm" is a millimetre and "Pa" a pascal.
 * Energies stay in eV inside Flexolab, which works because every value is converted to
 * the parameter's own unit via the common SI factor.
 */
#include "config.h"

#include "flx-units.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

G_DEFINE_QUARK (flx-units-error-quark, flx_units_error)

enum { D_M, D_KG, D_S, D_A, D_K, D_DEG };

typedef struct {
  const char *symbol;
  double      factor;
  int         dims[FLX_N_DIMS]; /* m kg s A K deg */
} UnitDef;

static const UnitDef units[] = {
  { "m",   1,                 { 1, 0, 0, 0, 0, 0 } },
  { "g",   1e-3,              { 0, 1, 0, 0, 0, 0 } },
  { "s",   1,                 { 0, 0, 1, 0, 0, 0 } },
  { "A",   1,                 { 0, 0, 0, 1, 0, 0 } },
  { "K",   1,                 { 0, 0, 0, 0, 1, 0 } },
  { "N",   1,                 { 1, 1, -2, 0, 0, 0 } },
  { "Pa",  1,                 { -1, 1, -2, 0, 0, 0 } },
  { "J",   1,                 { 2, 1, -2, 0, 0, 0 } },
  { "eV",  1.602176634e-19,   { 2, 1, -2, 0, 0, 0 } },
  { "W",   1,                 { 2, 1, -3, 0, 0, 0 } },
  { "C",   1,                 { 0, 0, 1, 1, 0, 0 } },
  { "V",   1,                 { 2, 1, -3, -1, 0, 0 } },
  { "ohm", 1,                 { 2, 1, -3, -2, 0, 0 } },
  { "Ohm", 1,                 { 2, 1, -3, -2, 0, 0 } },
  { "Ω",   1,                 { 2, 1, -3, -2, 0, 0 } },
  { "S",   1,                 { -2, -1, 3, 2, 0, 0 } },
  { "F",   1,                 { -2, -1, 4, 2, 0, 0 } },
  { "Hz",  1,                 { 0, 0, -1, 0, 0, 0 } },
  { "Å",   1e-10,             { 1, 0, 0, 0, 0, 0 } },
  { "min", 60,                { 0, 0, 1, 0, 0, 0 } },
  { "h",   3600,              { 0, 0, 1, 0, 0, 0 } },
  { "%",   1e-2,              { 0, 0, 0, 0, 0, 0 } },
  { "deg", 1,                 { 0, 0, 0, 0, 0, 1 } },
  { "°",   1,                 { 0, 0, 0, 0, 0, 1 } },
};

typedef struct {
  const char *symbol;
  double      factor;
} Prefix;

/* Longer prefixes first so "da" is not read as "d" + "a". */
static const Prefix prefixes[] = {
  { "da", 1e1 }, { "µ", 1e-6 }, { "μ", 1e-6 },
  { "Y", 1e24 }, { "Z", 1e21 }, { "E", 1e18 }, { "P", 1e15 }, { "T", 1e12 }, { "G", 1e9 },
  { "M", 1e6 }, { "k", 1e3 }, { "h", 1e2 }, { "d", 1e-1 }, { "c", 1e-2 }, { "m", 1e-3 },
  { "u", 1e-6 }, { "n", 1e-9 }, { "p", 1e-12 }, { "f", 1e-15 }, { "a", 1e-18 },
  { "z", 1e-21 }, { "y", 1e-24 },
};

/* Units that must not get a prefix ("mh" is not a thing; "k%" neither). */
static gboolean
unit_takes_prefix (const UnitDef *u)
{
  return strcmp (u->symbol, "%") != 0 && strcmp (u->symbol, "deg") != 0 &&
         strcmp (u->symbol, "°") != 0 && strcmp (u->symbol, "min") != 0 &&
         strcmp (u->symbol, "h") != 0 && strcmp (u->symbol, "Å") != 0;
}

typedef struct {
  const char *text; /* whole expression, for messages */
  const char *p;
  GError    **error;
} Parser;

static void
unit_one (FlxUnit *u)
{
  memset (u, 0, sizeof *u);
  u->factor = 1.0;
}

static void
unit_combine (FlxUnit *acc, const FlxUnit *t, int power)
{
  acc->factor *= pow (t->factor, power);
  for (int i = 0; i < FLX_N_DIMS; i++)
    acc->dims[i] += t->dims[i] * power;
}

static void
skip_spaces (Parser *ps)
{
  while (*ps->p == ' ' || *ps->p == '\t')
    ps->p++;
}

static gboolean
is_symbol_char (const char *p)
{
  gunichar c = g_utf8_get_char (p);
  return g_unichar_isalpha (c) || c == 0x00B5 || c == 0x03BC || c == 0x03A9 ||
         c == 0x2126 || c == 0x00C5 || c == 0x00B0 || c == '%';
}

static gboolean
lookup_symbol (const char *sym, FlxUnit *out)
{
  const char *s = sym;

  if (strcmp (s, "Ω") == 0 || strcmp (s, "\u2126") == 0) /* ohm sign U+2126 too */
    s = "ohm";
  for (gsize i = 0; i < G_N_ELEMENTS (units); i++)
    if (strcmp (units[i].symbol, s) == 0)
      {
        out->factor = units[i].factor;
        memcpy (out->dims, units[i].dims, sizeof out->dims);
        return TRUE;
      }
  for (gsize j = 0; j < G_N_ELEMENTS (prefixes); j++)
    {
      gsize plen = strlen (prefixes[j].symbol);
      const char *rest;

      if (strncmp (s, prefixes[j].symbol, plen) != 0 || s[plen] == '\0')
        continue;
      rest = s + plen;
      if (strcmp (rest, "Ω") == 0 || strcmp (rest, "\u2126") == 0)
        rest = "ohm";
      for (gsize i = 0; i < G_N_ELEMENTS (units); i++)
        if (unit_takes_prefix (&units[i]) && strcmp (units[i].symbol, rest) == 0)
          {
            out->factor = prefixes[j].factor * units[i].factor;
            memcpy (out->dims, units[i].dims, sizeof out->dims);
            return TRUE;
          }
    }
  return FALSE;
}

static gboolean
parse_int (Parser *ps, int *value, gboolean need_caret)
{
  const char *start = ps->p;
  char *end;
  gint64 v;

  if (need_caret)
    {
      if (*ps->p != '^')
        return FALSE;
      ps->p++;
    }
  else if (!(g_ascii_isdigit (*ps->p) || ((*ps->p == '-' || *ps->p == '+') &&
                                           g_ascii_isdigit (ps->p[1]))))
    return FALSE;
  v = g_ascii_strtoll (ps->p, &end, 10);
  if (end == ps->p || v < -12 || v > 12)
    {
      ps->p = start;
      return FALSE;
    }
  ps->p = end;
  *value = (int) v;
  return TRUE;
}

static gboolean parse_expr (Parser *ps, FlxUnit *out, int depth);

static gboolean
parse_power (Parser *ps, int *power)
{
  *power = 1;
  if (*ps->p == '^')
    {
      if (!parse_int (ps, power, TRUE))
        {
          g_set_error (ps->error, FLX_UNITS_ERROR, FLX_UNITS_ERROR_SYNTAX,
                       _("malformed exponent in unit '%s'"), ps->text);
          return FALSE;
        }
    }
  else
    parse_int (ps, power, FALSE);
  return TRUE;
}

static gboolean
parse_term (Parser *ps, FlxUnit *out, int depth)
{
  int power;

  skip_spaces (ps);
  if (*ps->p == '(')
    {
      ps->p++;
      if (!parse_expr (ps, out, depth + 1))
        return FALSE;
      skip_spaces (ps);
      if (*ps->p != ')')
        {
          g_set_error (ps->error, FLX_UNITS_ERROR, FLX_UNITS_ERROR_SYNTAX,
                       _("missing ')' in unit '%s'"), ps->text);
          return FALSE;
        }
      ps->p++;
    }
  else if (g_ascii_isdigit (*ps->p))
    {
      /* A bare number in a unit: only "1" as in "1/m" makes sense. */
      char *end;
      double v = g_ascii_strtod (ps->p, &end);
      if (v != 1.0)
        {
          g_set_error (ps->error, FLX_UNITS_ERROR, FLX_UNITS_ERROR_SYNTAX,
                       _("unexpected number in unit '%s'"), ps->text);
          return FALSE;
        }
      ps->p = end;
      unit_one (out);
      return TRUE;
    }
  else if (is_symbol_char (ps->p))
    {
      const char *start = ps->p;
      char *sym;
      gboolean found;

      while (*ps->p && is_symbol_char (ps->p))
        ps->p = g_utf8_next_char (ps->p);
      sym = g_strndup (start, ps->p - start);
      unit_one (out);
      found = lookup_symbol (sym, out);
      if (!found)
        g_set_error (ps->error, FLX_UNITS_ERROR, FLX_UNITS_ERROR_UNIT,
                     _("unknown unit '%s'"), sym);
      g_free (sym);
      if (!found)
        return FALSE;
    }
  else
    {
      g_set_error (ps->error, FLX_UNITS_ERROR, FLX_UNITS_ERROR_SYNTAX,
                   *ps->p ? _("unexpected character in unit '%s'") : _("incomplete unit '%s'"),
                   ps->text);
      return FALSE;
    }
  if (!parse_power (ps, &power))
    return FALSE;
  if (power != 1)
    {
      FlxUnit base = *out;
      unit_one (out);
      unit_combine (out, &base, power);
    }
  return TRUE;
}

static gboolean
parse_expr (Parser *ps, FlxUnit *out, int depth)
{
  FlxUnit term;

  if (depth > 8)
    {
      g_set_error (ps->error, FLX_UNITS_ERROR, FLX_UNITS_ERROR_SYNTAX,
                   _("unit '%s' is nested too deeply"), ps->text);
      return FALSE;
    }
  if (!parse_term (ps, out, depth))
    return FALSE;
  for (;;)
    {
      int sign = 1;
      const char *before = ps->p;

      skip_spaces (ps);
      if (*ps->p == '*' || *ps->p == '.')
        ps->p++;
      else if (strncmp (ps->p, "·", strlen ("·")) == 0)
        ps->p += strlen ("·");
      else if (*ps->p == '/')
        {
          ps->p++;
          sign = -1;
        }
      else if (*ps->p == '\0' || *ps->p == ')')
        return TRUE; /* the caller consumes ')' */
      else if (ps->p == before)
        {
          g_set_error (ps->error, FLX_UNITS_ERROR, FLX_UNITS_ERROR_SYNTAX,
                       _("unexpected character in unit '%s'"), ps->text);
          return FALSE;
        }
      /* else: a space separated product, "N m" */
      if (!parse_term (ps, &term, depth))
        return FALSE;
      unit_combine (out, &term, sign);
    }
}

gboolean
flx_unit_parse (const char *text, FlxUnit *unit, GError **error)
{
  Parser ps = { text, text, error };
  g_autofree char *stripped = NULL;

  unit_one (unit);
  if (text == NULL)
    return TRUE;
  stripped = g_strstrip (g_strdup (text));
  if (*stripped == '\0')
    return TRUE;
  if (!g_utf8_validate (stripped, -1, NULL))
    {
      g_set_error (error, FLX_UNITS_ERROR, FLX_UNITS_ERROR_SYNTAX, _("unit is not valid UTF-8"));
      return FALSE;
    }
  ps.text = stripped;
  ps.p = stripped;
  if (!parse_expr (&ps, unit, 0))
    return FALSE;
  skip_spaces (&ps);
  if (*ps.p != '\0')
    {
      g_set_error (error, FLX_UNITS_ERROR, FLX_UNITS_ERROR_SYNTAX,
                   _("unbalanced ')' in unit '%s'"), stripped);
      return FALSE;
    }
  return TRUE;
}

static gboolean
same_dims (const FlxUnit *a, const FlxUnit *b)
{
  return memcmp (a->dims, b->dims, sizeof a->dims) == 0;
}

gboolean
flx_units_parse_value (const char *text, const char *target_unit, double *value,
                       GError **error)
{
  g_autofree char *s = NULL;
  char *end;
  double number;
  FlxUnit given, target;

  g_return_val_if_fail (text != NULL && value != NULL, FALSE);

  s = g_strstrip (g_strdup (text));
  if (*s == '\0')
    {
      g_set_error (error, FLX_UNITS_ERROR, FLX_UNITS_ERROR_SYNTAX, _("missing value"));
      return FALSE;
    }
  number = g_ascii_strtod (s, &end);
  if (end == s)
    {
      g_set_error (error, FLX_UNITS_ERROR, FLX_UNITS_ERROR_SYNTAX,
                   _("'%s' is not a number"), s);
      return FALSE;
    }
  if (!isfinite (number))
    {
      g_set_error (error, FLX_UNITS_ERROR, FLX_UNITS_ERROR_RANGE,
                   _("'%s' is not a finite number"), s);
      return FALSE;
    }
  if (!flx_unit_parse (target_unit, &target, error))
    return FALSE;
  while (*end == ' ' || *end == '\t')
    end++;
  if (*end == '\0')
    {
      *value = number; /* bare number: already in the target unit */
      return TRUE;
    }
  if (!flx_unit_parse (end, &given, error))
    return FALSE;
  if (!same_dims (&given, &target))
    {
      g_set_error (error, FLX_UNITS_ERROR, FLX_UNITS_ERROR_DIMENSION,
                   _("'%s' has the wrong kind of unit, expected %s"), s,
                   target_unit[0] ? target_unit : _("a dimensionless number"));
      return FALSE;
    }
  /* The ratio first: a value in the target unit itself ("3.5 eV" for eV) comes back
   * bit for bit, which session files rely on (found by fuzz-session). */
  *value = number * (given.factor / target.factor);
  if (!isfinite (*value))
    {
      g_set_error (error, FLX_UNITS_ERROR, FLX_UNITS_ERROR_RANGE,
                   _("'%s' is not a finite number"), s);
      return FALSE;
    }
  return TRUE;
}

double
flx_units_display_factor (const char *display_unit, const char *si_unit)
{
  FlxUnit d, s;

  if (display_unit == NULL || !flx_unit_parse (display_unit, &d, NULL) ||
      !flx_unit_parse (si_unit, &s, NULL) || !same_dims (&d, &s))
    return 1.0;
  return d.factor / s.factor;
}

char *
flx_param_range_text (const FlxParamSpec *spec)
{
  const char *du = spec->display_unit ? spec->display_unit : spec->unit;
  double f = flx_units_display_factor (du, spec->unit);
  char lo[G_ASCII_DTOSTR_BUF_SIZE], hi[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (lo, sizeof lo, "%g", spec->min / f);
  g_ascii_formatd (hi, sizeof hi, "%g", spec->max / f);
  if (du[0] == '\0')
    return g_strdup_printf (_("%s to %s"), lo, hi);
  /* Translators: a parameter range, e.g. "0 µN to 30 µN" */
  return g_strdup_printf (_("%s %s to %s %s"), lo, du, hi, du);
}

gboolean
flx_param_validate (const FlxParamSpec *spec, double value, GError **error)
{
  char msg[512];

  if (flx_param_check (spec, value, msg, sizeof msg) == FLX_OK)
    return TRUE;
  if (spec->kind == FLX_PARAM_NUMBER)
    {
      g_autofree char *range = flx_param_range_text (spec);
      g_autofree char *shown = NULL;
      const char *du = spec->display_unit ? spec->display_unit : spec->unit;
      double f = flx_units_display_factor (du, spec->unit);
      char num[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (num, sizeof num, "%g", value / f);
      shown = du[0] ? g_strdup_printf ("%s %s", num, du) : g_strdup (num);
      g_set_error (error, FLX_UNITS_ERROR, FLX_UNITS_ERROR_RANGE,
                   _("%s: %s is out of range; allowed range is %s"), spec->name, shown, range);
    }
  else
    g_set_error_literal (error, FLX_UNITS_ERROR, FLX_UNITS_ERROR_RANGE, msg);
  return FALSE;
}

gboolean
flx_param_parse (const FlxParamSpec *spec, const char *text, double *value, GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autofree char *s = NULL;

  if (text == NULL)
    {
      g_set_error (error, FLX_UNITS_ERROR, FLX_UNITS_ERROR_SYNTAX,
                   _("%s: missing value"), spec->name);
      return FALSE;
    }
  s = g_strstrip (g_strdup (text));

  switch (spec->kind)
    {
    case FLX_PARAM_CHOICE:
      for (size_t i = 0; i < flx_param_n_choices (spec); i++)
        if (g_ascii_strcasecmp (s, spec->choices[i]) == 0)
          {
            *value = (double) i;
            return TRUE;
          }
      {
        g_autofree char *list = g_strjoinv (", ", (char **) spec->choices);
        g_set_error (error, FLX_UNITS_ERROR, FLX_UNITS_ERROR_RANGE,
                     _("%s: '%s' is not one of the allowed choices (%s)"),
                     spec->name, s, list);
      }
      return FALSE;

    case FLX_PARAM_BOOLEAN:
      {
        static const char *const yes[] = { "true", "yes", "on", "1" };
        static const char *const no[] = { "false", "no", "off", "0" };
        for (gsize i = 0; i < G_N_ELEMENTS (yes); i++)
          {
            if (g_ascii_strcasecmp (s, yes[i]) == 0)
              return (*value = 1.0), TRUE;
            if (g_ascii_strcasecmp (s, no[i]) == 0)
              return (*value = 0.0), TRUE;
          }
        g_set_error (error, FLX_UNITS_ERROR, FLX_UNITS_ERROR_SYNTAX,
                     _("%s: '%s' is not a boolean (use true or false)"), spec->name, s);
        return FALSE;
      }

    case FLX_PARAM_NUMBER:
    default:
      if (!flx_units_parse_value (s, spec->unit, value, &local))
        {
          g_autofree char *range = flx_param_range_text (spec);
          g_set_error (error, FLX_UNITS_ERROR, local->code,
                       _("%s: %s; allowed range is %s"), spec->name, local->message, range);
          return FALSE;
        }
      /* "500nm" is 500 * 1e-9, one rounding away from the table's 500e-9: a value at a
       * limit up to round-off is that limit, not out of range. */
      if (fabs (*value - spec->max) <= 1e-12 * fabs (spec->max))
        *value = spec->max;
      if (fabs (*value - spec->min) <= 1e-12 * fabs (spec->min))
        *value = spec->min;
      return flx_param_validate (spec, *value, error);
    }
}

/* Units that read naturally with SI prefixes. */
static gboolean
unit_formats_with_prefix (const char *unit)
{
  static const char *const ok[] = { "m", "N", "Pa", "A", "V", "ohm", "Ohm", "s", "W", "C", "F",
                                    "eV", "J", "Hz" };
  for (gsize i = 0; i < G_N_ELEMENTS (ok); i++)
    if (g_strcmp0 (unit, ok[i]) == 0)
      return TRUE;
  return FALSE;
}

char *
flx_units_pretty (const char *unit)
{
  static const char *const map[][2] = {
    { "ohm", "Ω" }, { "Ohm", "Ω" }, { "*", "·" }, { "^-1", "⁻¹" }, { "^-2", "⁻²" },
    { "^-3", "⁻³" }, { "^2", "²" }, { "^3", "³" },
  };
  GString *s = g_string_new (unit ? unit : "");

  for (gsize i = 0; i < G_N_ELEMENTS (map); i++)
    g_string_replace (s, map[i][0], map[i][1], 0);
  return g_string_free (s, FALSE);
}

char *
flx_units_format (double value, const char *unit, int digits)
{
  static const struct { double f; const char *p; } pre[] = {
    { 1e12, "T" }, { 1e9, "G" }, { 1e6, "M" }, { 1e3, "k" }, { 1, "" }, { 1e-3, "m" },
    { 1e-6, "µ" }, { 1e-9, "n" }, { 1e-12, "p" }, { 1e-15, "f" },
  };
  char num[G_ASCII_DTOSTR_BUF_SIZE];
  char fmt[16];
  const char *u = unit ? unit : "";
  const char *prefix = "";
  double shown = value;

  if (!isfinite (value))
    return g_strdup ("–");
  g_snprintf (fmt, sizeof fmt, "%%.%dg", CLAMP (digits, 1, 17));
  if (unit_formats_with_prefix (u) && value != 0.0)
    {
      double a = fabs (value);
      for (gsize i = 0; i < G_N_ELEMENTS (pre); i++)
        if (a >= pre[i].f * 0.9995 || i == G_N_ELEMENTS (pre) - 1)
          {
            prefix = pre[i].p;
            shown = value / pre[i].f;
            break;
          }
    }
  g_ascii_formatd (num, sizeof num, fmt, shown);
  if (*u == '\0')
    return g_strdup (num);
  {
    g_autofree char *pretty = flx_units_pretty (u);
    return g_strdup_printf ("%s %s%s", num, prefix, pretty);
  }
}
