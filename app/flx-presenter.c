/* flx-presenter.c: presentation mode (issue 9).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Entering saves what it changes (full screen, sidebar, header bar, each page's flap) and
 * leaving puts exactly that back; large text returns to the window's "large-text" action
 * state, so the GSettings key stays the user's.  The preset sequence is read from the
 * resource bundle on entry: the presets of the visible page's model, or all of them when
 * it has none.  A step applies a preset like the Presets menu, without the toast: the
 * caption says what is shown.  Keys are a capture-phase shortcut controller that only
 * acts while presenting, so Page Up/Down keep their slider meaning otherwise (a clicker
 * sends Page Up/Down, hence they win over a focused slider while presenting).
 */
#include "config.h"

#include "flx-presenter.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "flx-model-page.h"
#include "flx-session.h"
#include "flx-view-util.h"

#define PRESET_DIR "/io/github/flexolab/Flexolab/presets/"

static const double speeds[] = { 0.25, 0.5, 1, 2, 4 };

struct _FlxPresenter
{
  GObject      parent_instance;

  GtkWindow   *window; /* owner; not reffed, nor the widgets below */
  GtkWidget   *sidebar, *separator, *header;
  GtkStack    *page_stack;
  GSimpleAction *presentation, *high_contrast;
  GtkEventController *keys;

  /* the strip */
  GtkWidget   *strip;
  GtkWidget   *counter, *title_label, *caption_label, *paper_label, *speed_box, *speed;
  GtkWidget   *controls_toggle;
  char        *caption;

  gboolean     active, syncing;
  /* saved on entry */
  gboolean     was_fullscreen, sidebar_visible, separator_visible, header_visible;
  GArray      *flaps; /* gboolean reveal-flap per page, in stack order */
  /* the sequence */
  GPtrArray   *steps; /* FlxSession * */
  int          step;
};

G_DEFINE_FINAL_TYPE (FlxPresenter, flx_presenter, G_TYPE_OBJECT)

static FlxModelPage *
visible_page (FlxPresenter *self)
{
  GtkWidget *w = gtk_stack_get_visible_child (self->page_stack);
  return FLX_IS_MODEL_PAGE (w) ? FLX_MODEL_PAGE (w) : NULL;
}

/* --- caption, speed, controls --------------------------------------------------------- */

static void
set_caption (FlxPresenter *self, const char *title, const char *text, const char *paper)
{
  gtk_label_set_text (GTK_LABEL (self->title_label), title);
  gtk_label_set_text (GTK_LABEL (self->caption_label), text ? text : "");
  gtk_widget_set_visible (self->caption_label, text != NULL && text[0] != '\0');
  gtk_label_set_text (GTK_LABEL (self->paper_label), paper ? paper : "");
  gtk_widget_set_visible (self->paper_label, paper != NULL && paper[0] != '\0');
  g_free (self->caption);
  self->caption = g_strjoin ("\n", title, text ? text : "", paper ? paper : "", NULL);
}

static void
update_strip (FlxPresenter *self)
{
  FlxModelPage *page = visible_page (self);
  FlxView *view = page ? flx_model_page_get_view (page) : NULL;
  g_autofree char *count = NULL;

  if (self->step < 0)
    /* Translators: the preset counter before the first step, e.g. "– / 5" */
    count = g_strdup_printf (_("– / %u"), self->steps ? self->steps->len : 0);
  else
    /* Translators: the preset counter, e.g. "2 / 5" */
    count = g_strdup_printf (_("%d / %u"), self->step + 1, self->steps->len);
  gtk_label_set_text (GTK_LABEL (self->counter), count);

  if (self->step < 0 && page != NULL)
    {
      const FlxModel *m = flx_model_page_get_model (page);
      set_caption (self, _(m->title), _(m->summary), m->source);
    }
  else if (self->step >= 0)
    {
      FlxSession *s = self->steps->pdata[self->step];
      const char *t = s->title ? s->title : "";
      /* Translators: a preset's title and the paper figure it reproduces */
      g_autofree char *title = s->figure ? g_strdup_printf (_("%s (%s)"), t, s->figure)
                                         : g_strdup (t);
      set_caption (self, title, s->caption, s->paper);
    }

  /* Only animated views have a speed to set. */
  self->syncing = TRUE;
  gtk_widget_set_visible (self->speed_box, view != NULL && flx_view_has_speed (view));
  if (view != NULL && flx_view_has_speed (view))
    {
      double v = flx_view_get_speed (view);
      for (guint i = 0; i < G_N_ELEMENTS (speeds); i++)
        if (speeds[i] == v)
          gtk_drop_down_set_selected (GTK_DROP_DOWN (self->speed), i);
    }
  if (page != NULL)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->controls_toggle),
                                  adw_flap_get_reveal_flap (flx_model_page_get_flap (page)));
  self->syncing = FALSE;
}

static void
speed_changed_cb (GtkDropDown *dd, GParamSpec *pspec, FlxPresenter *self)
{
  FlxModelPage *page = visible_page (self);

  if (!self->syncing && page != NULL)
    flx_view_set_speed (flx_model_page_get_view (page),
                        speeds[gtk_drop_down_get_selected (dd)]);
}

static void
controls_toggled_cb (GtkToggleButton *button, FlxPresenter *self)
{
  FlxModelPage *page = visible_page (self);

  if (!self->syncing && page != NULL)
    adw_flap_set_reveal_flap (flx_model_page_get_flap (page),
                              gtk_toggle_button_get_active (button));
}

static void
visible_page_cb (GtkStack *stack, GParamSpec *pspec, FlxPresenter *self)
{
  if (self->active)
    update_strip (self);
}

/* The view's own speed control moved: show it in the strip. */
static void
view_speed_cb (FlxView *view, FlxPresenter *self)
{
  FlxModelPage *page = visible_page (self);

  if (self->active && page != NULL && flx_model_page_get_view (page) == view)
    update_strip (self);
}

/* --- the preset sequence --------------------------------------------------------------- */

static int
compare_names (gconstpointer a, gconstpointer b, gpointer data)
{
  g_autofree char *ka = g_utf8_collate_key_for_filename (*(char *const *) a, -1);
  g_autofree char *kb = g_utf8_collate_key_for_filename (*(char *const *) b, -1);

  return strcmp (ka, kb);
}

/* The presets of model `id` in file-name order, or every preset if it has none. */
static GPtrArray *
load_steps (const char *id)
{
  g_auto (GStrv) names = g_resources_enumerate_children (PRESET_DIR, 0, NULL);
  GPtrArray *own = g_ptr_array_new_with_free_func ((GDestroyNotify) flx_session_free);
  GPtrArray *other = g_ptr_array_new_with_free_func ((GDestroyNotify) flx_session_free);

  if (names != NULL)
    g_qsort_with_data (names, g_strv_length (names), sizeof (char *), compare_names, NULL);
  for (gsize k = 0; names != NULL && names[k] != NULL; k++)
    {
      g_autofree char *path = g_strconcat (PRESET_DIR, names[k], NULL);
      g_autoptr (GBytes) bytes = g_resources_lookup_data (path, 0, NULL);
      FlxSession *s;
      gsize len;
      const char *data;

      if (bytes == NULL || !g_str_has_suffix (names[k], ".flexolab"))
        continue;
      data = g_bytes_get_data (bytes, &len);
      s = flx_session_parse (data, len, names[k], NULL);
      if (s != NULL)
        g_ptr_array_add (g_strcmp0 (s->visible_model, id) == 0 ? own : other, s);
    }
  if (own->len > 0)
    {
      g_ptr_array_unref (other);
      return own;
    }
  g_ptr_array_unref (own);
  return other;
}

static void
go_to_step (FlxPresenter *self, int step)
{
  FlxSession *s;

  if (self->steps == NULL || self->steps->len == 0)
    return;
  self->step = CLAMP (step, 0, (int) self->steps->len - 1);
  s = self->steps->pdata[self->step];
  for (guint i = 0; i < s->models->len; i++)
    {
      FlxSessionModel *sm = s->models->pdata[i];
      GtkWidget *page = gtk_stack_get_child_by_name (self->page_stack, sm->model->id);
      if (FLX_IS_MODEL_PAGE (page))
        flx_model_page_set_values (FLX_MODEL_PAGE (page), sm->values);
    }
  /* Through the window's action so the sidebar selection and title follow. */
  if (s->visible_model != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->window), "win.show-page", "s",
                                s->visible_model);
  update_strip (self);
}

static void
next_action_cb (GSimpleAction *action, GVariant *param, gpointer data)
{
  FlxPresenter *self = data;
  go_to_step (self, self->step + 1);
}

static void
previous_action_cb (GSimpleAction *action, GVariant *param, gpointer data)
{
  FlxPresenter *self = data;
  go_to_step (self, MAX (self->step - 1, 0));
}

/* --- entering and leaving -------------------------------------------------------------- */

static void
apply_contrast (FlxPresenter *self)
{
  g_autoptr (GVariant) state = g_action_get_state (G_ACTION (self->high_contrast));
  gboolean on = self->active && g_variant_get_boolean (state);
  GtkWidget *w = GTK_WIDGET (self->window);

  /* The plots take their colours from the CSS foreground, so this reaches them too. */
  gtk_widget_remove_css_class (w, "high-contrast");
  gtk_widget_remove_css_class (w, "high-contrast-dark");
  if (on)
    gtk_widget_add_css_class (w, adw_style_manager_get_dark (adw_style_manager_get_default ())
                                   ? "high-contrast-dark" : "high-contrast");
}

static gboolean
window_large_text (FlxPresenter *self)
{
  GAction *a = g_action_map_lookup_action (G_ACTION_MAP (self->window), "large-text");
  g_autoptr (GVariant) state = a ? g_action_get_state (a) : NULL;

  return state != NULL && g_variant_get_boolean (state);
}

static void
enter (FlxPresenter *self)
{
  FlxModelPage *page = visible_page (self);

  self->active = TRUE;
  self->was_fullscreen = gtk_window_is_fullscreen (self->window);
  self->sidebar_visible = gtk_widget_get_visible (self->sidebar);
  self->separator_visible = self->separator && gtk_widget_get_visible (self->separator);
  self->header_visible = gtk_widget_get_visible (self->header);
  g_array_set_size (self->flaps, 0);
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->page_stack)); c;
       c = gtk_widget_get_next_sibling (c))
    if (FLX_IS_MODEL_PAGE (c))
      {
        AdwFlap *flap = flx_model_page_get_flap (FLX_MODEL_PAGE (c));
        gboolean revealed = adw_flap_get_reveal_flap (flap);
        g_array_append_val (self->flaps, revealed);
        adw_flap_set_reveal_flap (flap, FALSE);
      }

  gtk_widget_set_visible (self->sidebar, FALSE);
  if (self->separator)
    gtk_widget_set_visible (self->separator, FALSE);
  gtk_widget_set_visible (self->header, FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->window), "large-text");
  gtk_widget_add_css_class (GTK_WIDGET (self->window), "presentation");
  flx_view_set_large_text_all (GTK_WIDGET (self->page_stack), TRUE);
  apply_contrast (self);

  g_clear_pointer (&self->steps, g_ptr_array_unref);
  self->steps = load_steps (page ? flx_model_page_get_model (page)->id : NULL);
  self->step = -1;
  update_strip (self);
  gtk_widget_set_visible (self->strip, TRUE);
  gtk_window_fullscreen (self->window);
}

static void
leave (FlxPresenter *self)
{
  gboolean large = window_large_text (self);
  guint k = 0;

  self->active = FALSE;
  if (!self->was_fullscreen)
    gtk_window_unfullscreen (self->window);
  gtk_widget_set_visible (self->strip, FALSE);
  gtk_widget_set_visible (self->sidebar, self->sidebar_visible);
  if (self->separator)
    gtk_widget_set_visible (self->separator, self->separator_visible);
  gtk_widget_set_visible (self->header, self->header_visible);
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->page_stack));
       c && k < self->flaps->len; c = gtk_widget_get_next_sibling (c))
    if (FLX_IS_MODEL_PAGE (c))
      adw_flap_set_reveal_flap (flx_model_page_get_flap (FLX_MODEL_PAGE (c)),
                                g_array_index (self->flaps, gboolean, k++));
  gtk_widget_remove_css_class (GTK_WIDGET (self->window), "presentation");
  if (!large)
    gtk_widget_remove_css_class (GTK_WIDGET (self->window), "large-text");
  flx_view_set_large_text_all (GTK_WIDGET (self->page_stack), large);
  apply_contrast (self);
  g_clear_pointer (&self->steps, g_ptr_array_unref);
}

static void
presentation_change_cb (GSimpleAction *action, GVariant *value, gpointer data)
{
  FlxPresenter *self = data;
  gboolean on = g_variant_get_boolean (value);

  if (on == self->active)
    return;
  g_simple_action_set_state (action, value);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (
    g_action_map_lookup_action (G_ACTION_MAP (self->window), "present-next")), on);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (
    g_action_map_lookup_action (G_ACTION_MAP (self->window), "present-previous")), on);
  /* Presenting is large text already; the toggle would undo half of it. */
  if (g_action_map_lookup_action (G_ACTION_MAP (self->window), "large-text") != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (
      g_action_map_lookup_action (G_ACTION_MAP (self->window), "large-text")), !on);
  if (on)
    enter (self);
  else
    leave (self);
}

static void
contrast_change_cb (GSimpleAction *action, GVariant *value, gpointer data)
{
  g_simple_action_set_state (action, value);
  apply_contrast (data);
}

static void
dark_changed_cb (AdwStyleManager *sm, GParamSpec *pspec, FlxPresenter *self)
{
  apply_contrast (self);
}

/* Keys act only while presenting; returning FALSE lets the event go on. */
static gboolean
key_cb (GtkWidget *widget, GVariant *args, gpointer data)
{
  FlxPresenter *self = data;
  const char *what = g_variant_get_string (args, NULL);

  if (!self->active)
    return FALSE;
  if (strcmp (what, "next") == 0)
    go_to_step (self, self->step + 1);
  else if (strcmp (what, "previous") == 0)
    go_to_step (self, MAX (self->step - 1, 0));
  else
    g_action_change_state (G_ACTION (self->presentation), g_variant_new_boolean (FALSE));
  return TRUE;
}

/* --- construction ---------------------------------------------------------------------- */

static GtkWidget *
strip_button (const char *icon, const char *tooltip, const char *action)
{
  GtkWidget *b = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (b, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (b), action);
  gtk_widget_set_valign (b, GTK_ALIGN_CENTER);
  return b;
}

static void
build_strip (FlxPresenter *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *speed_label, *contrast, *exit;

  gtk_widget_add_css_class (box, "presentation-strip");
  gtk_box_append (GTK_BOX (box), strip_button ("go-previous-symbolic",
                                               _("Previous Preset (Page Up)"),
                                               "win.present-previous"));
  self->counter = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->counter, "scalar-value");
  gtk_box_append (GTK_BOX (box), self->counter);
  gtk_box_append (GTK_BOX (box), strip_button ("go-next-symbolic",
                                               _("Next Preset (Page Down or Space)"),
                                               "win.present-next"));

  self->title_label = gtk_label_new (NULL);
  self->caption_label = gtk_label_new (NULL);
  self->paper_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->title_label, "presentation-title");
  gtk_widget_add_css_class (self->paper_label, "dim-label");
  gtk_label_set_ellipsize (GTK_LABEL (self->paper_label), PANGO_ELLIPSIZE_END);
  for (GtkWidget *const *l = (GtkWidget *const[]) { self->title_label, self->caption_label,
                                                    self->paper_label, NULL }; *l; l++)
    {
      gtk_label_set_xalign (GTK_LABEL (*l), 0);
      gtk_label_set_wrap (GTK_LABEL (*l), *l != self->paper_label);
      gtk_box_append (GTK_BOX (text), *l);
    }
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), text);

  self->speed_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  speed_label = gtk_label_new (_("Speed"));
  self->speed = gtk_drop_down_new_from_strings ((const char *[]) { "¼×", "½×", "1×", "2×", "4×",
                                                                   NULL });
  gtk_widget_set_valign (self->speed, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->speed), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Animation Speed"), -1);
  g_signal_connect (self->speed, "notify::selected", G_CALLBACK (speed_changed_cb), self);
  gtk_box_append (GTK_BOX (self->speed_box), speed_label);
  gtk_box_append (GTK_BOX (self->speed_box), self->speed);
  gtk_box_append (GTK_BOX (box), self->speed_box);

  self->controls_toggle = gtk_toggle_button_new ();
  gtk_button_set_icon_name (GTK_BUTTON (self->controls_toggle), "sidebar-show-symbolic");
  gtk_widget_set_tooltip_text (self->controls_toggle, _("Show Parameters"));
  gtk_widget_set_valign (self->controls_toggle, GTK_ALIGN_CENTER);
  g_signal_connect (self->controls_toggle, "toggled", G_CALLBACK (controls_toggled_cb), self);
  gtk_box_append (GTK_BOX (box), self->controls_toggle);

  gtk_box_append (GTK_BOX (box), strip_button ("edit-copy-symbolic",
                                               _("Copy Figure (Ctrl+Shift+C)"),
                                               "win.copy-figure"));

  contrast = gtk_toggle_button_new_with_label (_("High Contrast"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (contrast), "win.high-contrast");
  gtk_widget_set_valign (contrast, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), contrast);

  /* Only shown while presenting, so toggling the state leaves. */
  exit = strip_button ("view-restore-symbolic", _("Leave Presentation (Esc)"),
                       "win.presentation");
  gtk_box_append (GTK_BOX (box), exit);

  gtk_widget_set_visible (box, FALSE);
  self->strip = box;
}

static void
add_key (GtkShortcutController *c, FlxPresenter *self, guint keyval, const char *what)
{
  gtk_shortcut_controller_add_shortcut (
    c, gtk_shortcut_new_with_arguments (gtk_keyval_trigger_new (keyval, 0),
                                        gtk_callback_action_new (key_cb, self, NULL),
                                        "s", what));
}

static void
flx_presenter_finalize (GObject *object)
{
  FlxPresenter *self = FLX_PRESENTER (object);

  /* The window is disposing: nothing of it may call back into a freed presenter. */
  for (const char *const *a = (const char *const[]) { "presentation", "high-contrast",
                                                      "present-next", "present-previous",
                                                      NULL }; *a; a++)
    g_action_map_remove_action (G_ACTION_MAP (self->window), *a);
  gtk_widget_remove_controller (GTK_WIDGET (self->window), self->keys);
  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  g_clear_pointer (&self->steps, g_ptr_array_unref);
  g_array_unref (self->flaps);
  g_free (self->caption);
  g_clear_object (&self->presentation);
  g_clear_object (&self->high_contrast);
  G_OBJECT_CLASS (flx_presenter_parent_class)->finalize (object);
}

static void
flx_presenter_class_init (FlxPresenterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = flx_presenter_finalize;
}

static void
flx_presenter_init (FlxPresenter *self)
{
  self->flaps = g_array_new (FALSE, FALSE, sizeof (gboolean));
  self->step = -1;
}

FlxPresenter *
flx_presenter_new (GtkWindow *window, GtkWidget *sidebar, GtkWidget *header,
                   GtkStack *page_stack, GtkBox *content)
{
  static const GActionEntry entries[] = {
    { "present-next", next_action_cb },
    { "present-previous", previous_action_cb },
  };
  FlxPresenter *self = g_object_new (FLX_TYPE_PRESENTER, NULL);
  GtkEventController *keys = gtk_shortcut_controller_new ();

  self->window = window;
  self->sidebar = sidebar;
  /* The leaflet's separator page follows the sidebar; hide it with it. */
  self->separator = gtk_widget_get_next_sibling (sidebar);
  if (!GTK_IS_SEPARATOR (self->separator))
    self->separator = NULL;
  self->header = header;
  self->page_stack = page_stack;

  g_action_map_add_action_entries (G_ACTION_MAP (window), entries, G_N_ELEMENTS (entries),
                                   self);
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (
                                   G_ACTION_MAP (window), entries[i].name)), FALSE);
  self->presentation = g_simple_action_new_stateful ("presentation", NULL,
                                                     g_variant_new_boolean (FALSE));
  g_signal_connect (self->presentation, "change-state", G_CALLBACK (presentation_change_cb),
                    self);
  g_action_map_add_action (G_ACTION_MAP (window), G_ACTION (self->presentation));
  self->high_contrast = g_simple_action_new_stateful ("high-contrast", NULL,
                                                      g_variant_new_boolean (FALSE));
  g_signal_connect (self->high_contrast, "change-state", G_CALLBACK (contrast_change_cb), self);
  g_action_map_add_action (G_ACTION_MAP (window), G_ACTION (self->high_contrast));
  g_signal_connect (adw_style_manager_get_default (), "notify::dark",
                    G_CALLBACK (dark_changed_cb), self);

  build_strip (self);
  gtk_box_append (content, self->strip);
  g_signal_connect_object (page_stack, "notify::visible-child", G_CALLBACK (visible_page_cb),
                           self, 0);
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (page_stack)); c;
       c = gtk_widget_get_next_sibling (c))
    if (FLX_IS_MODEL_PAGE (c))
      g_signal_connect_object (flx_model_page_get_view (FLX_MODEL_PAGE (c)), "speed-changed",
                               G_CALLBACK (view_speed_cb), self, 0);

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  add_key (GTK_SHORTCUT_CONTROLLER (keys), self, GDK_KEY_Page_Down, "next");
  add_key (GTK_SHORTCUT_CONTROLLER (keys), self, GDK_KEY_space, "next");
  add_key (GTK_SHORTCUT_CONTROLLER (keys), self, GDK_KEY_Page_Up, "previous");
  add_key (GTK_SHORTCUT_CONTROLLER (keys), self, GDK_KEY_Escape, "leave");
  gtk_widget_add_controller (GTK_WIDGET (window), keys);
  self->keys = keys;
  g_object_set_data (G_OBJECT (window), "flx-presenter", self); /* for tests */
  return self;
}

void
flx_presenter_get_step (FlxPresenter *self, int *step, int *n_steps)
{
  g_return_if_fail (FLX_IS_PRESENTER (self));
  if (step)
    *step = self->step;
  if (n_steps)
    *n_steps = self->steps ? (int) self->steps->len : 0;
}

const char *
flx_presenter_get_caption (FlxPresenter *self)
{
  g_return_val_if_fail (FLX_IS_PRESENTER (self), NULL);
  return self->caption;
}
