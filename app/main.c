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
#include "flx-materials.h"

/* The user's edited materials table, if any ($FLEXOLAB_MATERIALS, else
 * ~/.config/flexolab/materials.ini; start from a copy of data/materials/materials.ini).
 * A broken file is reported and the built-in values stay: never a crash, never half a
 * table. */
static void
load_user_materials (void)
{
  const char *env = g_getenv ("FLEXOLAB_MATERIALS");
  g_autofree char *path = env ? g_strdup (env)
                              : g_build_filename (g_get_user_config_dir (), "flexolab",
                                                  "materials.ini", NULL);
  FlxMaterialTable table = { NULL, 0 };
  char err[512];

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return;
  if (flx_materials_load (path, &table, err, sizeof err) != FLX_OK ||
      flx_materials_install (&table, err, sizeof err) != FLX_OK)
    g_printerr (_("flexolab: ignoring materials file %s: %s; using the built-in table\n"),
                path, err);
  flx_materials_table_clear (&table);
}

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
  load_user_materials (); /* before any solver thread */

  /* `list` and `run` never touch GTK, so they work without a display. */
  if (flx_cli_wants (argc, argv))
    return flx_cli_main (argc, argv);

  app = flx_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
