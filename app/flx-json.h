/* flx-json.h: a minimal JSON writer (strings escaped, numbers locale-independent).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void flx_json_string (GString *out, const char *s);
/* Finite numbers with 15 significant digits; non-finite values become null, since
 * JSON has no NaN (callers should not produce them in the first place). */
void flx_json_number (GString *out, double v);
void flx_json_array (GString *out, const double *v, gsize n);

G_END_DECLS
