/* flx-application.c: application-wide actions, accelerators and the About window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "flx-application.h"

#include <glib/gi18n.h>

#include "flx-bench-gui.h"
#ifdef HAVE_WIDGET_GALLERY
#include "flx-widget-gallery.h"
#endif
#include "flx-window.h"

struct _FlxApplication
{
  AdwApplication parent_instance;
  gboolean       gallery; /* --widget-gallery */
};

G_DEFINE_FINAL_TYPE (FlxApplication, flx_application, ADW_TYPE_APPLICATION)

static void
about_action_cb (GSimpleAction *action, GVariant *param, gpointer data)
{
  GtkApplication *app = data;
  static const char *developers[] = { "Flexolab developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-icon", APP_ID,
                        "application-name", _("Flexolab"),
                        "developer-name", _("Flexolab developers"),
                        "version", PACKAGE_VERSION,
                        "website", "https://github.com/flexolab/flexolab",
                        "issue-url", "https://github.com/flexolab/flexolab/issues",
                        "comments", _("Explore flexoelectricity and electro-thermal switching "
                                      "interactively: colossal flexoresistance, oxygen-vacancy "
                                      "drift, WO3 domain walls, gradient engineering and LSMO "
                                      "switching."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action_cb (GSimpleAction *action, GVariant *param, gpointer data)
{
  GtkApplication *app = data;
  GList *windows = gtk_application_get_windows (app);

  /* Close through close-request so windows save their state. */
  for (GList *l = windows; l != NULL;)
    {
      GList *next = l->next;
      gtk_window_close (GTK_WINDOW (l->data));
      l = next;
    }
}

static void
flx_application_startup (GApplication *app)
{
  static const GActionEntry entries[] = {
    { "about", about_action_cb },
    { "quit", quit_action_cb },
  };
  static const char *const models[] = { "cfr", "vacancy", "wo3", "gradients", "lsmo" };
  g_autoptr (GtkCssProvider) css = gtk_css_provider_new ();

  G_APPLICATION_CLASS (flx_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), entries, G_N_ELEMENTS (entries), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.reset-parameters",
                                         (const char *[]) { "<Control>r", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.open-session",
                                         (const char *[]) { "<Control>o", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.save-session",
                                         (const char *[]) { "<Control>s", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.undo",
                                         (const char *[]) { "<Control>z", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.redo",
                                         (const char *[]) { "<Control><Shift>z", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.export-data",
                                         (const char *[]) { "<Control>e", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.guide",
                                         (const char *[]) { "F1", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.pin-result",
                                         (const char *[]) { "<Control>p", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.large-text",
                                         (const char *[]) { "<Control>plus", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.presentation",
                                         (const char *[]) { "F5", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.copy-figure",
                                         (const char *[]) { "<Control><Shift>c", NULL });
  for (int i = 0; i < 5; i++)
    {
      g_autofree char *accel = g_strdup_printf ("<Alt>%d", i + 1);
      g_autofree char *detailed = g_strdup_printf ("win.show-page('%s')", models[i]);
      gtk_application_set_accels_for_action (GTK_APPLICATION (app), detailed,
                                             (const char *[]) { accel, NULL });
    }

  gtk_css_provider_load_from_resource (css, "/io/github/flexolab/Flexolab/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

/* The main window autosaves to $XDG_STATE_HOME/flexolab and offers a crashed run's values;
 * enabled once it is on screen, so the question appears above it. */
static void
enable_autosave (GtkWindow *window)
{
  g_autofree char *dir = g_build_filename (g_get_user_state_dir (), "flexolab", NULL);

  if (FLX_IS_WINDOW (window) && flx_window_get_autosave (FLX_WINDOW (window)) == NULL)
    flx_window_enable_autosave (FLX_WINDOW (window), dir);
}

static void
flx_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
#ifdef HAVE_WIDGET_GALLERY
      if (FLX_APPLICATION (app)->gallery)
        window = flx_widget_gallery_new (GTK_APPLICATION (app));
      else
#endif
        window = GTK_WINDOW (flx_window_new (ADW_APPLICATION (app)));
    }
  gtk_window_present (window);
  if (FLX_IS_WINDOW (window))
    flx_window_maybe_start_tour (FLX_WINDOW (window));
  enable_autosave (window);
}

/* `flexolab a.flexolab`: the files load into the window in order, so the last one's values
 * stand for the models it describes; each reports through a toast. */
static void
flx_application_open (GApplication *app, GFile **files, int n_files, const char *hint)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (!FLX_IS_WINDOW (window))
    window = GTK_WINDOW (flx_window_new (ADW_APPLICATION (app)));
  gtk_window_present (window);
  for (int i = 0; i < n_files; i++)
    flx_window_open_session (FLX_WINDOW (window), files[i], NULL);
  enable_autosave (window);
}

static int
flx_application_handle_local_options (GApplication *app, GVariantDict *options)
{
  FlxApplication *self = FLX_APPLICATION (app);

  /* Hidden benchmark mode (issue 10): runs here, before the main loop, and exits. */
  if (g_variant_dict_contains (options, "bench-gui"))
    {
      FlxBenchGuiOptions bench = { 200, 3.0 };

      g_variant_dict_lookup (options, "bench-steps", "i", &bench.steps);
      g_variant_dict_lookup (options, "bench-idle", "d", &bench.idle_s);
      if (bench.steps < 2 || !(bench.idle_s > 0))
        {
          g_printerr ("flexolab: --bench-steps must be at least 2 and --bench-idle positive\n");
          return 2;
        }
      /* Neither read nor change the user's saved window state; no running instance. */
      g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
      return flx_bench_gui_run (app, &bench);
    }
  if (g_variant_dict_contains (options, "widget-gallery"))
    {
      self->gallery = TRUE;
      /* The gallery is a developer view: never hand it to a running instance. */
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }
  return -1;
}

static void
flx_application_class_init (FlxApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->startup = flx_application_startup;
  app_class->activate = flx_application_activate;
  app_class->open = flx_application_open;
  app_class->handle_local_options = flx_application_handle_local_options;
}

static void
flx_application_init (FlxApplication *self)
{
  static const GOptionEntry options[] = {
    { "widget-gallery", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Show the plot and field widgets with sample data"), NULL },
    /* Developer-only, hidden from --help: see app/flx-bench-gui.c. */
    { "bench-gui", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, NULL, NULL, NULL },
    { "bench-steps", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, NULL, NULL, NULL },
    { "bench-idle", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_DOUBLE, NULL, NULL, NULL },
    { NULL }
  };
  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

FlxApplication *
flx_application_new (void)
{
  return g_object_new (FLX_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/flexolab/Flexolab",
                       NULL);
}
