/* main.c: one binary for the GUI and the headless command line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <gsl/gsl_errno.h>
#include <locale.h>

#include "flx-application.h"
#include "flx-cli.h"

int
main (int argc, char **argv)
{
  g_autoptr (FlxApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  /* Solvers check GSL status codes; the default handler would abort. Before any thread. */
  gsl_set_error_handler_off ();

  /* `list` and `run` never touch GTK, so they work without a display. */
  if (flx_cli_wants (argc, argv))
    return flx_cli_main (argc, argv);

  app = flx_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
