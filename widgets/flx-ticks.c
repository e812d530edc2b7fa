/* SPDX-License-Identifier: GPL-3.0-or-later */
/* flx-ticks.c: tick placement and number formatting for plot axes.
 *
 * Linear ticks use Heckbert's "nice numbers" (Graphics Gems I, 1990): steps of 1, 2 or 5
 * times a power of ten.  Log axes put major ticks on decades (thinned to every 2nd, 5th ...
 * decade when there are many) and minor ticks on 2..9 when few decades are shown.
 * Values are SI; display prefixes (µN, nm) are chosen per axis from its largest magnitude.
 */
#include "flx-ticks.h"

#include <math.h>
#include <string.h>

/**
 * flx_nice_number:
 * @x: a positive number
 * @round_it: round to the nearest nice number instead of the next larger one
 *
 * Returns: 1, 2, 5 or 10 times a power of ten close to @x.
 */
double
flx_nice_number (double   x,
                 gboolean round_it)
{
  double e, f, nf;

  if (!(x > 0) || !isfinite (x))
    return 1.0;
  e = floor (log10 (x));
  f = x / pow (10, e);
  if (round_it)
    nf = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
  else
    nf = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
  return nf * pow (10, e);
}

/**
 * flx_ticks_linear:
 * @lo: lower axis limit
 * @hi: upper axis limit, larger than @lo
 * @max_major: wanted number of labelled ticks (at least 2)
 * @out: (out caller-allocates): tick array
 * @max_out: size of @out
 * @major_step: (out) (optional): spacing of the major ticks
 *
 * Major ticks at nice steps inside [@lo, @hi] plus 4 or 5 minor ticks between them.
 *
 * Returns: the number of ticks written
 */
int
flx_ticks_linear (double   lo,
                  double   hi,
                  int      max_major,
                  FlxTick *out,
                  int      max_out,
                  double  *major_step)
{
  double step, minor, first;
  int n = 0, n_minor;
  long i, i0, i1;

  if (major_step)
    *major_step = 1.0;
  if (!isfinite (lo) || !isfinite (hi) || !(hi > lo) || max_out <= 0)
    return 0;
  max_major = MAX (max_major, 2);
  step = flx_nice_number ((hi - lo) / (max_major - 1), TRUE);
  /* Rounding can give one tick too many; step up rather than crowd the labels. */
  while ((hi - lo) / step > max_major + 0.5)
    step = flx_nice_number (step * 1.01, FALSE);
  /* ... but never fewer than two labels: step down 5 → 2 → 1 → 0.5 ... */
  while (floor (hi / step + 1e-9) - ceil (lo / step - 1e-9) + 1 < 2)
    {
      double m = step / pow (10, floor (log10 (step) + 1e-9));
      step *= m > 4.5 ? 0.4 : 0.5;
    }
  if (major_step)
    *major_step = step;

  /* 2 and 20 split into 4; 1 and 5 into 5 */
  n_minor = fabs (step / pow (10, floor (log10 (step))) - 2) < 1e-9 ? 4 : 5;
  minor = step / n_minor;
  first = floor (lo / minor);
  i0 = (long) first;
  i1 = (long) ceil (hi / minor);
  if (i1 - i0 > 4 * FLX_TICKS_MAX)
    return 0;
  for (i = i0; i <= i1 && n < max_out; i++)
    {
      double v = i * minor;
      double r = v / step;

      if (v < lo - 1e-9 * step || v > hi + 1e-9 * step)
        continue;
      if (fabs (v) < 1e-12 * step)
        v = 0; /* avoid "-0" and 1e-17 labels */
      out[n].value = v;
      out[n].major = fabs (r - round (r)) < 1e-6;
      n++;
    }
  return n;
}

/**
 * flx_ticks_log10:
 * @lo: lower limit, > 0
 * @hi: upper limit, > @lo
 * @max_major: wanted number of labelled ticks
 * @out: (out caller-allocates): tick array
 * @max_out: size of @out
 *
 * Decade ticks for a log10 axis.  With more decades than @max_major only every k-th decade
 * is labelled and the others become minor ticks; with few decades 2..9 are minor ticks.
 *
 * Returns: the number of ticks written (0 for an invalid range)
 */
int
flx_ticks_log10 (double   lo,
                 double   hi,
                 int      max_major,
                 FlxTick *out,
                 int      max_out)
{
  int n = 0, e, e0, e1, every, decades;

  if (!(lo > 0) || !(hi > lo) || !isfinite (lo) || !isfinite (hi) || max_out <= 0)
    return 0;
  e0 = (int) floor (log10 (lo) + 1e-9);
  e1 = (int) ceil (log10 (hi) - 1e-9);
  decades = e1 - e0;
  max_major = MAX (max_major, 2);
  every = 1;
  while (decades / every > max_major)
    every = every < 5 ? every + 1 : every == 5 ? 10 : every * 2;

  for (e = e0; e <= e1 && n < max_out; e++)
    {
      double d = pow (10, e);

      if (d >= lo * (1 - 1e-9) && d <= hi * (1 + 1e-9))
        {
          out[n].value = d;
          out[n].major = (e % every) == 0;
          n++;
        }
      if (decades <= 6)
        for (int k = 2; k <= 9 && n < max_out; k++)
          {
            double v = k * d;
            if (v >= lo && v <= hi)
              {
                out[n].value = v;
                out[n].major = FALSE;
                n++;
              }
          }
    }
  return n;
}

/* Units that denote a physical quantity with a multiplicative SI prefix.  Temperature ("K",
 * "°C"), "%" and compound units ("C/m^2", "1/m") are shown without a prefix: "mK" reads as
 * a mistake on a temperature axis and "µC/m²" is ambiguous. */
static const char * const prefixable_units[] = {
  "N", "m", "Ohm", "Ω", "A", "V", "W", "J", "Pa", "Hz", "s", "F", "H", "C", "S", "T",
  "eV", "g", "Wb", "mol", NULL
};

/**
 * flx_unit_allows_prefix:
 * @unit: (nullable): unit string such as "N" or "C/m^2"
 *
 * Returns: %TRUE if values in @unit are displayed with an SI prefix (µN, nm, kΩ)
 */
gboolean
flx_unit_allows_prefix (const char *unit)
{
  if (unit == NULL || *unit == '\0')
    return FALSE;
  for (int i = 0; prefixable_units[i]; i++)
    if (strcmp (unit, prefixable_units[i]) == 0)
      return TRUE;
  return FALSE;
}

/**
 * flx_unit_pretty:
 * @unit: (nullable): ASCII unit as used in the API ("Ohm", "C/m^2", "1/m")
 *
 * Returns: (transfer full): display form ("Ω", "C/m²", "m⁻¹")
 */
char *
flx_unit_pretty (const char *unit)
{
  GString *s;

  if (unit == NULL)
    return g_strdup ("");
  if (strcmp (unit, "Ohm") == 0)
    return g_strdup ("Ω");
  if (g_str_has_prefix (unit, "1/") && strchr (unit + 2, '/') == NULL && strchr (unit + 2, '^') == NULL)
    return g_strdup_printf ("%s⁻¹", unit + 2);

  s = g_string_new (NULL);
  for (const char *p = unit; *p; p++)
    {
      if (p[0] == '^' && p[1] == '2')
        { g_string_append (s, "²"); p++; }
      else if (p[0] == '^' && p[1] == '3')
        { g_string_append (s, "³"); p++; }
      else if (p[0] == '^' && p[1] == '-' && p[2] == '1')
        { g_string_append (s, "⁻¹"); p += 2; }
      else if (p[0] == '*')
        g_string_append (s, "·");
      else
        g_string_append_c (s, *p);
    }
  return g_string_free (s, FALSE);
}

static const struct { int exp; const char *prefix; } si_prefixes[] = {
  { -15, "f" }, { -12, "p" }, { -9, "n" }, { -6, "µ" }, { -3, "m" }, { 0, "" },
  { 3, "k" }, { 6, "M" }, { 9, "G" }, { 12, "T" }, { 15, "P" },
};

/**
 * flx_si_prefix_for:
 * @max_abs: largest magnitude shown on the axis
 * @unit: (nullable): the unit
 * @prefix: (out): the prefix, "" when none ("µ" is UTF-8)
 *
 * Chooses an engineering prefix so tick labels fall in [1, 1000).
 *
 * Returns: the factor to divide SI values by for display (1 when @unit takes no prefix)
 */
double
flx_si_prefix_for (double      max_abs,
                   const char *unit,
                   const char **prefix)
{
  int e3;

  *prefix = "";
  if (!flx_unit_allows_prefix (unit) || !(max_abs > 0) || !isfinite (max_abs))
    return 1.0;
  /* "kg" would need "g" as base; keep mass in the given unit. */
  e3 = (int) floor (log10 (max_abs) / 3 + 1e-9) * 3;
  e3 = CLAMP (e3, -15, 15);
  for (guint i = 0; i < G_N_ELEMENTS (si_prefixes); i++)
    if (si_prefixes[i].exp == e3)
      *prefix = si_prefixes[i].prefix;
  return pow (10, e3);
}

static const char * const superscripts[] = {
  "⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"
};

static void
append_superscript_int (GString *s,
                        int      n)
{
  char buf[16];

  if (n < 0)
    g_string_append (s, "⁻");
  g_snprintf (buf, sizeof buf, "%d", ABS (n));
  for (char *p = buf; *p; p++)
    g_string_append (s, superscripts[*p - '0']);
}

/**
 * flx_axis_title:
 * @label: (nullable): quantity name, e.g. "Force"
 * @unit: (nullable): API unit, e.g. "N"
 * @prefix: (nullable): SI prefix chosen by flx_si_prefix_for()
 * @pow10: common power of ten for units without prefix (0 for none)
 *
 * Returns: (transfer full): "Force (µN)", "Polarization (10⁻³ C/m²)", "Strain (×10⁻³)"
 */
char *
flx_axis_title (const char *label,
                const char *unit,
                const char *prefix,
                int         pow10)
{
  g_autofree char *pretty = flx_unit_pretty (unit);
  GString *s = g_string_new (label ? label : "");
  gboolean has_unit = pretty[0] != '\0';

  if (!has_unit && pow10 == 0)
    return g_string_free (s, FALSE);
  if (s->len > 0)
    g_string_append_c (s, ' ');
  g_string_append_c (s, '(');
  if (pow10 != 0)
    {
      g_string_append (s, has_unit ? "10" : "×10");
      append_superscript_int (s, pow10);
      if (has_unit)
        g_string_append_c (s, ' ');
    }
  if (has_unit)
    {
      g_string_append (s, prefix ? prefix : "");
      g_string_append (s, pretty);
    }
  g_string_append_c (s, ')');
  return g_string_free (s, FALSE);
}

/* Replace the ASCII hyphen by a real minus sign, as typeset figures do. */
static char *
with_minus_sign (char *str)
{
  if (str[0] == '-')
    {
      char *r = g_strconcat ("−", str + 1, NULL);
      g_free (str);
      return r;
    }
  return str;
}

/**
 * flx_format_tick:
 * @value: tick value in display units
 * @step: major tick spacing in display units
 *
 * Returns: (transfer full): the value with just enough decimals for @step, locale-independent
 */
char *
flx_format_tick (double value,
                 double step)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  int decimals = 0;

  if (step > 0 && step < 1)
    decimals = (int) ceil (-log10 (step) - 1e-9);
  decimals = CLAMP (decimals, 0, 12);
  if (fabs (value) < 0.5 * step * 1e-6)
    value = 0;
  if (fabs (value) >= 1e6 || (value != 0 && fabs (value) < 1e-4 && step > 0 && fabs (value) >= step))
    g_ascii_formatd (buf, sizeof buf, "%.3g", value);
  else
    {
      char fmt[16];
      g_snprintf (fmt, sizeof fmt, "%%.%df", decimals);
      g_ascii_formatd (buf, sizeof buf, fmt, value);
    }
  return with_minus_sign (g_strdup (buf));
}

/**
 * flx_format_log_tick:
 * @value: a power of ten
 *
 * Returns: (transfer full): "10⁻³", "1", "10", "10⁶"
 */
char *
flx_format_log_tick (double value)
{
  int e = (int) lround (log10 (value));
  GString *s;

  if (e == 0)
    return g_strdup ("1");
  if (e == 1)
    return g_strdup ("10");
  s = g_string_new ("10");
  append_superscript_int (s, e);
  return g_string_free (s, FALSE);
}

/**
 * flx_format_value:
 * @value: SI value
 * @unit: (nullable): API unit
 *
 * Formats a single value for read-outs, with a prefix where the unit allows one.
 *
 * Returns: (transfer full): e.g. "12.5 µN", "3.2e-3 C/m²", "0.25"
 */
char *
flx_format_value (double      value,
                  const char *unit)
{
  g_autofree char *pretty = flx_unit_pretty (unit);
  const char *prefix = "";
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  double f;

  if (isnan (value))
    return g_strdup ("—");
  f = flx_si_prefix_for (fabs (value), unit, &prefix);
  g_ascii_formatd (buf, sizeof buf, "%.4g", value / f);
  return with_minus_sign (g_strdup_printf ("%s%s%s%s", buf, pretty[0] ? " " : "", prefix, pretty));
}
