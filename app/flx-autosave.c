/* flx-autosave.c: autosave of the window's session and recovery after a crash.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Files in the folder (by default $XDG_STATE_HOME/flexolab):
 *   running            the lock: an flock()ed file holding the owner's PID.  The kernel
 *                      drops the lock when its process dies, so a live owner is told
 *                      apart from a crashed one even if the PID was reused, or lives in
 *                      another PID namespace (Flatpak).
 *   autosave.flexolab  the session, written with the session writer (temp file + rename).
 * A clean end deletes both.  An autosave found at start while nobody holds the lock is
 * therefore the work of a run that did not end cleanly, and is offered for restoring.
 *
 * No timer runs while nothing happens: a change (every value change starts a run on the
 * page's job runner, which flips its "busy") arms one timeout, which writes only when the
 * session text differs from what was written last.
 */
#include "config.h"

#include "flx-autosave.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "flx-session.h"

struct _FlxAutosave
{
  GObject     parent_instance;

  FlxWindow  *window;      /* weak: the window owns us */
  char       *path;        /* autosave.flexolab */
  char       *lock_path;   /* running */
  int         lock_fd;     /* -1: passive */
  guint       interval_s;
  guint       timeout_id;
  char       *last_saved;  /* session text last written (or found at start) */
  gboolean    recovery_pending;
  char       *previous_pid; /* of the run that left the autosave, or NULL */
  GtkWidget  *dialog;      /* weak */
};

G_DEFINE_FINAL_TYPE (FlxAutosave, flx_autosave, G_TYPE_OBJECT)

/* Opens and locks `path`, writes our PID.  Returns the descriptor, or -1 when another live
 * process holds the lock or the file cannot be used.  `previous` gets what the file said
 * before (the PID of a crashed owner), or NULL if it did not exist. */
static int
take_lock (const char *path, char **previous)
{
  for (int attempt = 0; attempt < 3; attempt++)
    {
      struct stat opened, named;
      char buf[64] = "";
      char pid[32];
      ssize_t got;
      int fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

      if (fd < 0)
        return -1;
      if (flock (fd, LOCK_EX | LOCK_NB) != 0)
        {
          close (fd);
          return -1;
        }
      /* The owner deletes the file before unlocking: if ours was deleted meanwhile, we
       * hold the lock of a file nobody else can see.  Try again with the new one. */
      if (fstat (fd, &opened) != 0 || g_stat (path, &named) != 0 ||
          opened.st_ino != named.st_ino || opened.st_dev != named.st_dev)
        {
          close (fd);
          continue;
        }
      got = read (fd, buf, sizeof buf - 1);
      if (got > 0)
        {
          buf[got] = '\0';
          *previous = g_strdup (g_strstrip (buf));
        }
      g_snprintf (pid, sizeof pid, "%ld\n", (long) getpid ());
      if (ftruncate (fd, 0) != 0 || pwrite (fd, pid, strlen (pid), 0) < 0)
        g_message ("autosave: could not write %s: %s", path, g_strerror (errno));
      return fd;
    }
  return -1;
}

/* The window's session as the session writer would save it. */
static char *
session_text (FlxAutosave *self, const FlxModel **models, const double **values, gsize *n)
{
  *n = 0;
  for (size_t i = 0; i < flx_model_count (); i++)
    {
      FlxModelPage *page = flx_window_get_page (self->window, flx_model_get (i)->id);
      if (page == NULL)
        continue;
      models[*n] = flx_model_page_get_model (page);
      values[*n] = flx_model_page_get_values (page);
      (*n)++;
    }
  return flx_session_to_data (flx_window_get_visible_model (self->window), models, values, *n);
}

gboolean
flx_autosave_save_now (FlxAutosave *self, GError **error)
{
  g_autofree const FlxModel **models = NULL;
  g_autofree const double **values = NULL;
  g_autofree char *text = NULL;
  gsize n;

  g_return_val_if_fail (FLX_IS_AUTOSAVE (self), FALSE);

  if (self->lock_fd < 0 || self->recovery_pending || self->window == NULL)
    return TRUE;
  models = g_new0 (const FlxModel *, flx_model_count ());
  values = g_new0 (const double *, flx_model_count ());
  text = session_text (self, models, values, &n);
  if (g_strcmp0 (text, self->last_saved) == 0)
    return TRUE;
  if (!flx_session_save (self->path, flx_window_get_visible_model (self->window), models,
                         values, n, error))
    return FALSE;
  g_free (self->last_saved);
  self->last_saved = g_steal_pointer (&text);
  return TRUE;
}

static gboolean
timeout_cb (gpointer data)
{
  FlxAutosave *self = data;
  g_autoptr (GError) error = NULL;

  self->timeout_id = 0;
  if (!flx_autosave_save_now (self, &error))
    g_message ("autosave: %s", error->message);
  return G_SOURCE_REMOVE;
}

/* Something may have changed: save once the interval has passed, unless already armed. */
static void
changed_cb (FlxAutosave *self)
{
  if (self->timeout_id != 0 || self->interval_s == 0 || self->lock_fd < 0 ||
      self->recovery_pending)
    return;
  self->timeout_id = g_timeout_add_seconds (self->interval_s, timeout_cb, self);
  g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->timeout_id),
                            "[flexolab] autosave");
}

static void
set_baseline (FlxAutosave *self)
{
  g_autofree const FlxModel **models = g_new0 (const FlxModel *, flx_model_count ());
  g_autofree const double **values = g_new0 (const double *, flx_model_count ());
  gsize n;

  g_free (self->last_saved);
  self->last_saved = session_text (self, models, values, &n);
}

void
flx_autosave_recover (FlxAutosave *self, gboolean restore)
{
  g_return_if_fail (FLX_IS_AUTOSAVE (self));

  if (!self->recovery_pending)
    return;
  self->recovery_pending = FALSE;
  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  if (restore && self->window != NULL)
    {
      g_autoptr (GFile) file = g_file_new_for_path (self->path);

      /* The window reports the outcome in a toast; a file it refuses is of no use. */
      if (flx_window_open_session (self->window, file, NULL))
        {
          g_clear_pointer (&self->last_saved, g_free); /* rewrite at the next change */
          changed_cb (self);
          return;
        }
    }
  g_unlink (self->path);
  set_baseline (self);
}

static void
dialog_response_cb (AdwMessageDialog *dialog, const char *response, FlxAutosave *self)
{
  flx_autosave_recover (self, g_strcmp0 (response, "restore") == 0);
}

static void
offer_recovery (FlxAutosave *self)
{
  g_autoptr (GFile) file = g_file_new_for_path (self->path);
  g_autoptr (GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                                  G_FILE_QUERY_INFO_NONE, NULL, NULL);
  g_autoptr (GDateTime) when = info ? g_file_info_get_modification_date_time (info) : NULL;
  g_autoptr (GDateTime) local = when ? g_date_time_to_local (when) : NULL;
  /* Translators: when the autosave was written; see g_date_time_format() */
  g_autofree char *time = local ? g_date_time_format (local, _("%-d %b %Y, %H:%M"))
                                : g_strdup ("?");
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  body = g_strdup_printf (_("Flexolab did not quit normally last time. The parameter values "
                            "autosaved at %s can be restored; discarded values are gone."),
                          time);
  dialog = adw_message_dialog_new (GTK_WINDOW (self->window), _("Restore Unsaved Values?"),
                                   body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "discard", _("_Discard"), "restore", _("_Restore"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "restore");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "discard");
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (dialog_response_cb), self, 0);
  self->dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

FlxAutosave *
flx_autosave_new (FlxWindow *window, const char *dir, guint interval_s)
{
  FlxAutosave *self;

  g_return_val_if_fail (FLX_IS_WINDOW (window), NULL);
  g_return_val_if_fail (dir != NULL, NULL);

  self = g_object_new (FLX_TYPE_AUTOSAVE, NULL);
  self->window = window;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &self->window);
  self->interval_s = interval_s;
  self->path = g_build_filename (dir, "autosave.flexolab", NULL);
  self->lock_path = g_build_filename (dir, "running", NULL);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_message ("autosave: cannot create %s: %s", dir, g_strerror (errno));
      return self;
    }
  self->lock_fd = take_lock (self->lock_path, &self->previous_pid);
  if (self->lock_fd < 0)
    {
      g_message ("autosave: %s is in use by another Flexolab; this window is not autosaved",
                 dir);
      return self;
    }

  for (size_t i = 0; i < flx_model_count (); i++)
    {
      FlxModelPage *page = flx_window_get_page (window, flx_model_get (i)->id);
      FlxJobRunner *runner = page ? flx_model_page_get_runner (page) : NULL;

      if (page == NULL)
        continue;
      /* Every value change starts a run; pages without a solver still record undo. */
      if (runner != NULL)
        g_signal_connect_object (runner, "notify::busy", G_CALLBACK (changed_cb), self,
                                 G_CONNECT_SWAPPED);
      g_signal_connect_object (page, "notify::can-undo", G_CALLBACK (changed_cb), self,
                               G_CONNECT_SWAPPED);
    }

  set_baseline (self);
  if (g_file_test (self->path, G_FILE_TEST_IS_REGULAR))
    {
      g_debug ("autosave: %s left by a run that did not quit cleanly (PID %s)", self->path,
               self->previous_pid ? self->previous_pid : "unknown");
      self->recovery_pending = TRUE;
      offer_recovery (self);
    }
  return self;
}

gboolean
flx_autosave_is_active (FlxAutosave *self)
{
  g_return_val_if_fail (FLX_IS_AUTOSAVE (self), FALSE);
  return self->lock_fd >= 0;
}

gboolean
flx_autosave_get_recovery_pending (FlxAutosave *self)
{
  g_return_val_if_fail (FLX_IS_AUTOSAVE (self), FALSE);
  return self->recovery_pending;
}

const char *
flx_autosave_get_path (FlxAutosave *self)
{
  g_return_val_if_fail (FLX_IS_AUTOSAVE (self), NULL);
  return self->path;
}

/* The clean end.  An unanswered recovery keeps its file for the next start. */
static void
flx_autosave_dispose (GObject *object)
{
  FlxAutosave *self = FLX_AUTOSAVE (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->lock_fd >= 0)
    {
      if (!self->recovery_pending)
        g_unlink (self->path);
      g_unlink (self->lock_path); /* before unlocking: see take_lock() */
      close (self->lock_fd);
      self->lock_fd = -1;
    }
  if (self->dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->dialog), (gpointer *) &self->dialog);
      gtk_window_destroy (GTK_WINDOW (self->dialog));
      self->dialog = NULL;
    }
  if (self->window != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
      self->window = NULL;
    }
  G_OBJECT_CLASS (flx_autosave_parent_class)->dispose (object);
}

static void
flx_autosave_finalize (GObject *object)
{
  FlxAutosave *self = FLX_AUTOSAVE (object);

  g_free (self->path);
  g_free (self->lock_path);
  g_free (self->last_saved);
  g_free (self->previous_pid);
  G_OBJECT_CLASS (flx_autosave_parent_class)->finalize (object);
}

static void
flx_autosave_class_init (FlxAutosaveClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = flx_autosave_dispose;
  object_class->finalize = flx_autosave_finalize;
}

static void
flx_autosave_init (FlxAutosave *self)
{
  self->lock_fd = -1;
}
