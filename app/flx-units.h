/* flx-units.h: the one place where text with units becomes SI numbers and back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "flx-model.h"

G_BEGIN_DECLS

#define FLX_UNITS_ERROR (flx_units_error_quark ())

typedef enum {
  FLX_UNITS_ERROR_SYNTAX,    /* not a number, or a malformed unit */
  FLX_UNITS_ERROR_UNIT,      /* unknown unit symbol */
  FLX_UNITS_ERROR_DIMENSION, /* a unit of the wrong kind (metres for a force) */
  FLX_UNITS_ERROR_RANGE,     /* NaN, inf or outside the parameter's range */
} FlxUnitsError;

/* A unit expression reduced to a factor and exponents of m, kg, s, A, K, degree. */
#define FLX_N_DIMS 6
typedef struct {
  double factor;        /* value in SI = number * factor */
  int    dims[FLX_N_DIMS];
} FlxUnit;

GQuark   flx_units_error_quark (void);

/* Parses a unit expression such as "µN", "nm", "ohm*m", "W/(K*m^2)", "cm^-3" or "1/m".
 * "" parses as dimensionless. */
gboolean flx_unit_parse (const char *text, FlxUnit *unit, GError **error);

/* Parses "15uN", "15 µN", "2e-6ohm*m" or a bare "1.5e-5" into the value expressed in
 * target_unit (an SI unit from a parameter table; "eV" for energies).  A bare number is
 * taken to be in target_unit already.  Decimal point only ('.'), whatever the locale. */
gboolean flx_units_parse_value (const char *text, const char *target_unit,
                                double *value, GError **error);

/* Parses a parameter value: numbers with units for NUMBER, the choice name (or its
 * index) for CHOICE, true/false/yes/no/on/off/1/0 for BOOLEAN; checks the range.
 * Error messages name the parameter, the value and the allowed range. */
gboolean flx_param_parse (const FlxParamSpec *spec, const char *text, double *value,
                          GError **error);

/* Checks a numeric value against the spec, with the message style of flx_param_parse. */
gboolean flx_param_validate (const FlxParamSpec *spec, double value, GError **error);

/* Factor from the parameter's SI unit to its display unit: display = si / factor. */
double   flx_units_display_factor (const char *display_unit, const char *si_unit);

/* Formats an SI value with an SI prefix where the unit takes one ("13.2 nm",
 * "15 µN", "340 K", "1.4 eV"); %g-like with `digits` significant figures. */
char    *flx_units_format (double value, const char *unit, int digits);

/* Typographic form of a unit for display: "ohm*m" -> "Ω·m", "C/m^2" -> "C/m²". */
char    *flx_units_pretty (const char *unit);

/* "Force (µN)"-style range text for messages: "0 N to 3e-05 N" in the display unit. */
char    *flx_param_range_text (const FlxParamSpec *spec);

G_END_DECLS
