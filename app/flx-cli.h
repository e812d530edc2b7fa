/* flx-cli.h: the headless command line (`flexolab list`, `flexolab run MODEL ...`).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when argv asks for a command-line action rather than the GUI. */
gboolean flx_cli_wants (int argc, char **argv);

/* Runs it; returns the exit code: 0 success, 2 bad usage or parameter, 1 failure. */
int      flx_cli_main (int argc, char **argv);

G_END_DECLS
