/* SPDX-License-Identifier: GPL-3.0-or-later */
/* flx-ticks.h: axis ticks ("nice" linear, log10 decades), SI prefixes, unit-aware labels. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * FlxTick:
 * @value: position in data units (SI)
 * @major: %TRUE for labelled ticks, %FALSE for minor ticks
 */
typedef struct
{
  double   value;
  gboolean major;
} FlxTick;

#define FLX_TICKS_MAX 256

double  flx_nice_number        (double       x,
                                gboolean     round_it);
int     flx_ticks_linear       (double       lo,
                                double       hi,
                                int          max_major,
                                FlxTick     *out,
                                int          max_out,
                                double      *major_step);
int     flx_ticks_log10        (double       lo,
                                double       hi,
                                int          max_major,
                                FlxTick     *out,
                                int          max_out);

gboolean    flx_unit_allows_prefix (const char *unit);
char       *flx_unit_pretty        (const char *unit);
double      flx_si_prefix_for      (double      max_abs,
                                    const char *unit,
                                    const char **prefix);
char       *flx_axis_title         (const char *label,
                                    const char *unit,
                                    const char *prefix,
                                    int         pow10);
char       *flx_format_tick        (double      value,
                                    double      step);
char       *flx_format_log_tick    (double      value);
char       *flx_format_value       (double      value,
                                    const char *unit);

G_END_DECLS
