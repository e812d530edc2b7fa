/* SPDX-License-Identifier: GPL-3.0-or-later */
/* flx-field-view.c: FlxFieldView.
 *
 * A GtkWidget that owns a GtkGLArea child for the heat map and draws axes, colour bar,
 * contours, arrows and read-outs around and over it with cairo.  The GL area follows GTK's
 * demos (glarea.c, gtkshadertoy.c): realize chains up (the default handler runs first),
 * makes the context current and returns early if gtk_gl_area_get_error() is set; render
 * checks the error first; auto-render is off and data changes call queue_render().
 *
 * Data go to the GPU as a single-channel float texture of values already mapped to [0, 1]
 * (NaN as -1), and the colormap as a 256×1 lookup texture, so an update of the same size is
 * one glTexSubImage2D() and no GL object is re-created.
 *
 * Without GL (GDK_DEBUG=gl-disable, no driver, a shader that does not compile) the GL area
 * has an error set; the view then simply does not snapshot it and paints the same cells
 * with cairo into the same rectangle.  Why a container and not a GtkGLArea subclass: a
 * GtkGLArea with an error can only paint its error text, while this keeps showing data.
 */
#include "flx-field-view-private.h"
#include "flx-field-draw.h"
#include "flx-style.h"
#include "flx-ticks.h"

#include <epoxy/gl.h>
#include <math.h>
#include <string.h>

struct _FlxFieldView
{
  GtkWidget      parent_instance;

  GtkWidget     *gl;            /* GtkGLArea */
  FlxFieldData  *data;
  FlxFieldLayout layout;
  double         style_fg[4];

  GskRenderNode *frame_cache;   /* axes, ticks, colour bar */
  GskRenderNode *image_cache;   /* cairo heat map (fallback only) */
  GskRenderNode *overlay_cache; /* contours, arrows, polyline */

  gboolean       stale;
  double         highlight_x, highlight_y;
  double         hover_x, hover_y;

  /* GL objects; touched only with the area's context current */
  gboolean       gl_ready;
  GLuint         program, vao, vbo, tex_data, tex_lut;
  GLint          u_data, u_lut;
  int            tex_w, tex_h;
  GLint          max_tex_size;
  gboolean       tex_dirty, lut_dirty;
  float         *upload;
  gsize          upload_len;
};

G_DEFINE_FINAL_TYPE (FlxFieldView, flx_field_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_COLORMAP,
  PROP_KEEP_ASPECT,
  PROP_STALE,
  PROP_TITLE,
  PROP_LARGE_TEXT,
  PROP_USING_GL,
  N_PROPS
};

enum {
  HOVER,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
invalidate_frame (FlxFieldView *self)
{
  g_clear_pointer (&self->frame_cache, gsk_render_node_unref);
  /* label widths may change the image rectangle */
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
invalidate_image (FlxFieldView *self)
{
  g_clear_pointer (&self->image_cache, gsk_render_node_unref);
  g_clear_pointer (&self->overlay_cache, gsk_render_node_unref);
  flx_field_data_invalidate_image (self->data);
  self->tex_dirty = TRUE;
  gtk_gl_area_queue_render (GTK_GL_AREA (self->gl));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
update_accessible (FlxFieldView *self)
{
  FlxFieldData *d = self->data;
  g_autofree char *lo = flx_format_value (d->lo, d->value_unit);
  g_autofree char *hi = flx_format_value (d->hi, d->value_unit);
  g_autofree char *w = flx_format_value (fabs (d->x1 - d->x0), d->axis_unit);
  g_autofree char *h = flx_format_value (fabs (d->y1 - d->y0), d->axis_unit);
  g_autofree char *desc = NULL;
  const char *label = d->title ? d->title : d->value_label ? d->value_label : "Field";

  if (d->values)
    desc = g_strdup_printf ("%s map, %d × %d samples over %s × %s, colour scale from %s to %s",
                            d->value_label ? d->value_label : "Field", d->nx, d->ny, w, h, lo, hi);
  else
    desc = g_strdup ("No data");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, desc,
                                  -1);
}

/* ---- GL ------------------------------------------------------------------------------- */

static const char vertex_src[] =
  "in vec2 pos;\n"
  "out vec2 uv;\n"
  "void main () {\n"
  "  uv = pos * 0.5 + 0.5;\n"
  "  gl_Position = vec4 (pos, 0.0, 1.0);\n"
  "}\n";

/* t < 0 marks NaN: transparent.  The LUT is sampled at texel centres. */
static const char fragment_src[] =
  "uniform sampler2D data_tex;\n"
  "uniform sampler2D lut_tex;\n"
  "in vec2 uv;\n"
  "out vec4 frag_color;\n"
  "void main () {\n"
  "  float t = texture (data_tex, uv).r;\n"
  "  if (t < 0.0) { frag_color = vec4 (0.0); return; }\n"
  "  frag_color = texture (lut_tex, vec2 (clamp (t, 0.0, 1.0) * (255.0 / 256.0) + 0.5 / 256.0, 0.5));\n"
  "}\n";

static GLuint
compile_shader (GLenum       type,
                const char  *header,
                const char  *src,
                GError     **error)
{
  GLuint shader = glCreateShader (type);
  const char *sources[2] = { header, src };
  GLint ok = 0;

  glShaderSource (shader, 2, sources, NULL);
  glCompileShader (shader);
  glGetShaderiv (shader, GL_COMPILE_STATUS, &ok);
  if (!ok)
    {
      char log[1024] = "";
      glGetShaderInfoLog (shader, sizeof log, NULL, log);
      g_set_error (error, GDK_GL_ERROR, GDK_GL_ERROR_COMPILATION_FAILED,
                   "Field view shader failed to compile: %s", log);
      glDeleteShader (shader);
      return 0;
    }
  return shader;
}

static gboolean
create_gl_objects (FlxFieldView  *self,
                   GdkGLContext  *context,
                   GError       **error)
{
  static const float quad[] = { -1, -1, 1, -1, -1, 1, 1, 1 };
  gboolean es = gdk_gl_context_get_use_es (context);
  const char *header = es ? "#version 300 es\nprecision highp float;\n" : "#version 150\n";
  GLuint vs, fs;
  GLint ok = 0, max_size = 0;
  int major = 0, minor = 0;

  gdk_gl_context_get_version (context, &major, &minor);
  if (major < 3)
    {
      /* float textures and VAOs need GL 3 / GLES 3 */
      g_set_error (error, GDK_GL_ERROR, GDK_GL_ERROR_NOT_AVAILABLE,
                   "OpenGL%s %d.%d is too old for the field view", es ? " ES" : "", major, minor);
      return FALSE;
    }

  vs = compile_shader (GL_VERTEX_SHADER, header, vertex_src, error);
  if (vs == 0)
    return FALSE;
  fs = compile_shader (GL_FRAGMENT_SHADER, header, fragment_src, error);
  if (fs == 0)
    {
      glDeleteShader (vs);
      return FALSE;
    }
  self->program = glCreateProgram ();
  glAttachShader (self->program, vs);
  glAttachShader (self->program, fs);
  glBindAttribLocation (self->program, 0, "pos");
  glLinkProgram (self->program);
  glDetachShader (self->program, vs);
  glDetachShader (self->program, fs);
  glDeleteShader (vs);
  glDeleteShader (fs);
  glGetProgramiv (self->program, GL_LINK_STATUS, &ok);
  if (!ok)
    {
      char log[1024] = "";
      glGetProgramInfoLog (self->program, sizeof log, NULL, log);
      g_set_error (error, GDK_GL_ERROR, GDK_GL_ERROR_LINK_FAILED, "Field view shader failed to link: %s", log);
      return FALSE;
    }
  self->u_data = glGetUniformLocation (self->program, "data_tex");
  self->u_lut = glGetUniformLocation (self->program, "lut_tex");

  glGenVertexArrays (1, &self->vao);
  glBindVertexArray (self->vao);
  glGenBuffers (1, &self->vbo);
  glBindBuffer (GL_ARRAY_BUFFER, self->vbo);
  glBufferData (GL_ARRAY_BUFFER, sizeof quad, quad, GL_STATIC_DRAW);
  glEnableVertexAttribArray (0);
  glVertexAttribPointer (0, 2, GL_FLOAT, GL_FALSE, 0, NULL);
  glBindVertexArray (0);

  glGenTextures (1, &self->tex_data);
  glBindTexture (GL_TEXTURE_2D, self->tex_data);
  /* nearest: float textures are not filterable on GLES 3.0, and cells stay honest */
  glTexParameteri (GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
  glTexParameteri (GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
  glTexParameteri (GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri (GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);

  glGenTextures (1, &self->tex_lut);
  glBindTexture (GL_TEXTURE_2D, self->tex_lut);
  glTexParameteri (GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri (GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri (GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri (GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glTexImage2D (GL_TEXTURE_2D, 0, GL_RGBA8, FLX_COLORMAP_LUT_SIZE, 1, 0, GL_RGBA, GL_UNSIGNED_BYTE,
                flx_colormap_lut_rgba (self->data->colormap));
  glBindTexture (GL_TEXTURE_2D, 0);

  glGetIntegerv (GL_MAX_TEXTURE_SIZE, &max_size);
  self->max_tex_size = max_size;

  if (glGetError () != GL_NO_ERROR)
    {
      g_set_error (error, GDK_GL_ERROR, GDK_GL_ERROR_NOT_AVAILABLE, "OpenGL error while creating the field view");
      return FALSE;
    }
  self->tex_w = self->tex_h = 0;
  self->tex_dirty = TRUE;
  self->lut_dirty = FALSE;
  return TRUE;
}

static void
delete_gl_objects (FlxFieldView *self)
{
  if (self->program) glDeleteProgram (self->program);
  if (self->vbo) glDeleteBuffers (1, &self->vbo);
  if (self->vao) glDeleteVertexArrays (1, &self->vao);
  if (self->tex_data) glDeleteTextures (1, &self->tex_data);
  if (self->tex_lut) glDeleteTextures (1, &self->tex_lut);
  self->program = self->vbo = self->vao = self->tex_data = self->tex_lut = 0;
  self->gl_ready = FALSE;
}

static gboolean
queue_draw_idle_cb (gpointer user_data)
{
  gtk_widget_queue_draw (GTK_WIDGET (user_data));
  return G_SOURCE_REMOVE;
}

/* After a GL failure the next frame paints the cairo heat map. */
static void
switch_to_fallback (FlxFieldView *self,
                    const GError *error)
{
  g_debug ("FlxFieldView: using cairo fallback: %s", error ? error->message : "unknown GL error");
  g_idle_add_full (G_PRIORITY_DEFAULT, queue_draw_idle_cb, g_object_ref (self), g_object_unref);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USING_GL]);
}

static void
gl_realize_cb (GtkGLArea    *area,
               FlxFieldView *self)
{
  g_autoptr(GError) error = NULL;

  /* the default handler has run: the context exists or an error is set */
  gtk_gl_area_make_current (area);
  if (gtk_gl_area_get_error (area) != NULL)
    {
      switch_to_fallback (self, gtk_gl_area_get_error (area));
      return;
    }
  if (!create_gl_objects (self, gtk_gl_area_get_context (area), &error))
    {
      delete_gl_objects (self);
      gtk_gl_area_set_error (area, error);
      switch_to_fallback (self, error);
      return;
    }
  self->gl_ready = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USING_GL]);
}

static void
gl_unrealize_cb (GtkGLArea    *area,
                 FlxFieldView *self)
{
  gtk_gl_area_make_current (area);
  if (gtk_gl_area_get_error (area) == NULL)
    delete_gl_objects (self);
  self->gl_ready = FALSE;
}

static void
upload_data (FlxFieldView *self)
{
  FlxFieldData *d = self->data;
  gsize n = (gsize) d->nx * d->ny;

  if (n == 0)
    return;
  if (n > self->upload_len)
    {
      g_free (self->upload);
      self->upload = g_new (float, n);
      self->upload_len = n;
    }
  flx_field_data_normalized (d, self->upload);
  glBindTexture (GL_TEXTURE_2D, self->tex_data);
  glPixelStorei (GL_UNPACK_ALIGNMENT, 4);
  if (d->nx == self->tex_w && d->ny == self->tex_h)
    glTexSubImage2D (GL_TEXTURE_2D, 0, 0, 0, d->nx, d->ny, GL_RED, GL_FLOAT, self->upload);
  else
    {
      /* new size: new storage for the same texture object */
      glTexImage2D (GL_TEXTURE_2D, 0, GL_R32F, d->nx, d->ny, 0, GL_RED, GL_FLOAT, self->upload);
      self->tex_w = d->nx;
      self->tex_h = d->ny;
    }
}

static gboolean
gl_render_cb (GtkGLArea    *area,
              GdkGLContext *context,
              FlxFieldView *self)
{
  GLenum err;

  if (gtk_gl_area_get_error (area) != NULL || !self->gl_ready)
    return FALSE;

  if (self->tex_dirty && (self->data->nx > self->max_tex_size || self->data->ny > self->max_tex_size))
    {
      /* larger than the GPU takes: cairo draws it (slower, but it shows the data) */
      g_autoptr(GError) error = g_error_new (GDK_GL_ERROR, GDK_GL_ERROR_NOT_AVAILABLE,
                                             "Field %d × %d exceeds the GL texture limit %d",
                                             self->data->nx, self->data->ny, self->max_tex_size);
      gtk_gl_area_set_error (area, error);
      switch_to_fallback (self, error);
      return FALSE;
    }
  if (self->tex_dirty)
    {
      upload_data (self);
      self->tex_dirty = FALSE;
    }
  if (self->lut_dirty)
    {
      glBindTexture (GL_TEXTURE_2D, self->tex_lut);
      glTexSubImage2D (GL_TEXTURE_2D, 0, 0, 0, FLX_COLORMAP_LUT_SIZE, 1, GL_RGBA, GL_UNSIGNED_BYTE,
                       flx_colormap_lut_rgba (self->data->colormap));
      self->lut_dirty = FALSE;
    }

  glClearColor (0, 0, 0, 0);
  glClear (GL_COLOR_BUFFER_BIT);
  if (self->data->values != NULL && self->tex_w > 0)
    {
      glUseProgram (self->program);
      glActiveTexture (GL_TEXTURE0);
      glBindTexture (GL_TEXTURE_2D, self->tex_data);
      glUniform1i (self->u_data, 0);
      glActiveTexture (GL_TEXTURE1);
      glBindTexture (GL_TEXTURE_2D, self->tex_lut);
      glUniform1i (self->u_lut, 1);
      glBindVertexArray (self->vao);
      glDrawArrays (GL_TRIANGLE_STRIP, 0, 4);
      glBindVertexArray (0);
      glActiveTexture (GL_TEXTURE0);
      glUseProgram (0);
    }

  err = glGetError ();
  if (err != GL_NO_ERROR)
    {
      g_autoptr(GError) error = g_error_new (GDK_GL_ERROR, GDK_GL_ERROR_NOT_AVAILABLE,
                                             "OpenGL error 0x%x while drawing the field", err);
      gtk_gl_area_set_error (area, error);
      switch_to_fallback (self, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
using_gl (FlxFieldView *self)
{
  return self->gl_ready && gtk_widget_get_realized (self->gl) &&
         gtk_gl_area_get_error (GTK_GL_AREA (self->gl)) == NULL;
}

/* ---- widget --------------------------------------------------------------------------- */

static cairo_t *
scratch_cairo (void)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (s);
  cairo_surface_destroy (s);
  return cr;
}

static void
flx_field_view_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  FlxFieldView *self = FLX_FIELD_VIEW (widget);
  cairo_t *cr = scratch_cairo ();
  GtkAllocation alloc;
  int min, nat;

  if (_flx_draw_style_update_from_widget (widget, &self->data->style, self->style_fg))
    g_clear_pointer (&self->frame_cache, gsk_render_node_unref);
  flx_field_layout_compute (cr, self->data, width, height, &self->layout);
  cairo_destroy (cr);
  g_clear_pointer (&self->frame_cache, gsk_render_node_unref);
  g_clear_pointer (&self->image_cache, gsk_render_node_unref);
  g_clear_pointer (&self->overlay_cache, gsk_render_node_unref);

  alloc.x = (int) self->layout.image.x;
  alloc.y = (int) self->layout.image.y;
  alloc.width = (int) self->layout.image.w;
  alloc.height = (int) self->layout.image.h;
  /* GTK wants every child measured before it is allocated */
  gtk_widget_measure (self->gl, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  gtk_widget_measure (self->gl, GTK_ORIENTATION_VERTICAL, -1, &min, &nat, NULL, NULL);
  gtk_widget_size_allocate (self->gl, &alloc, -1);
}

static void
flx_field_view_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  FlxFieldView *self = FLX_FIELD_VIEW (widget);
  double k = self->data->large_text ? 1.5 : 1.0;

  *minimum = (int) ((orientation == GTK_ORIENTATION_HORIZONTAL ? 220 : 160) * k);
  *natural = (int) ((orientation == GTK_ORIENTATION_HORIZONTAL ? 480 : 380) * k);
}

typedef void (*LayerFunc) (cairo_t *cr, FlxFieldData *d, const FlxFieldLayout *l);

static GskRenderNode *
render_layer (FlxFieldView *self,
              LayerFunc     func,
              int           w,
              int           h)
{
  GtkSnapshot *s = gtk_snapshot_new ();
  cairo_t *cr = gtk_snapshot_append_cairo (s, &GRAPHENE_RECT_INIT (0, 0, w, h));

  func (cr, self->data, &self->layout);
  cairo_destroy (cr);
  return gtk_snapshot_free_to_node (s);
}

static void
flx_field_view_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  FlxFieldView *self = FLX_FIELD_VIEW (widget);
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (w <= 0 || h <= 0)
    return;
  if (_flx_draw_style_update_from_widget (widget, &self->data->style, self->style_fg))
    {
      g_clear_pointer (&self->frame_cache, gsk_render_node_unref);
      g_clear_pointer (&self->overlay_cache, gsk_render_node_unref);
    }

  if (self->stale)
    gtk_snapshot_push_opacity (snapshot, 0.4);

  if (self->frame_cache == NULL)
    self->frame_cache = render_layer (self, flx_field_draw_frame, w, h);
  if (self->frame_cache)
    gtk_snapshot_append_node (snapshot, self->frame_cache);

  if (using_gl (self))
    gtk_widget_snapshot_child (widget, self->gl, snapshot);
  else
    {
      if (self->image_cache == NULL)
        self->image_cache = render_layer (self, flx_field_draw_image, w, h);
      if (self->image_cache)
        gtk_snapshot_append_node (snapshot, self->image_cache);
    }

  if (self->overlay_cache == NULL)
    self->overlay_cache = render_layer (self, flx_field_draw_overlay, w, h);
  if (self->overlay_cache)
    gtk_snapshot_append_node (snapshot, self->overlay_cache);

  if (self->stale)
    gtk_snapshot_pop (snapshot);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  if (isfinite (self->hover_x))
    flx_field_draw_cursor (cr, self->data, &self->layout, self->hover_x, self->hover_y, TRUE);
  else
    flx_field_draw_cursor (cr, self->data, &self->layout, self->highlight_x, self->highlight_y, FALSE);
  if (self->stale)
    _flx_draw_badge (cr, &self->data->style, "updating…", self->layout.font_size * 0.8,
                     self->layout.image.x + self->layout.image.w - 4, self->layout.image.y + 4, 1);
  cairo_destroy (cr);
}

static void
flx_field_view_css_changed (GtkWidget         *widget,
                            GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (flx_field_view_parent_class)->css_changed (widget, change);
  invalidate_frame (FLX_FIELD_VIEW (widget));
  /* A style change redraws without a resize, and a GL area that did not render again
   * can come up empty (seen with GTK 4.8 under llvmpipe): render it with the frame. */
  if (FLX_FIELD_VIEW (widget)->gl != NULL)
    gtk_gl_area_queue_render (GTK_GL_AREA (FLX_FIELD_VIEW (widget)->gl));
}

static void
set_hover (FlxFieldView *self,
           double        x,
           double        y)
{
  double value = NAN;

  if (x == self->hover_x && y == self->hover_y)
    return;
  self->hover_x = x;
  self->hover_y = y;
  if (isfinite (x))
    flx_field_data_value_at (self->data, x, y, &value);
  g_signal_emit (self, signals[HOVER], 0, x, y, value);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    px,
           double                    py,
           FlxFieldView             *self)
{
  const FlxRect *I = &self->layout.image;
  double x, y;

  if (self->data->values == NULL || px < I->x || px > I->x + I->w || py < I->y || py > I->y + I->h)
    {
      if (isfinite (self->hover_x))
        set_hover (self, NAN, NAN);
      return;
    }
  flx_field_from_px (self->data, &self->layout, px, py, &x, &y);
  set_hover (self, x, y);
}

static void
leave_cb (GtkEventControllerMotion *controller,
          FlxFieldView             *self)
{
  if (isfinite (self->hover_x))
    set_hover (self, NAN, NAN);
}

static void
flx_field_view_dispose (GObject *object)
{
  FlxFieldView *self = FLX_FIELD_VIEW (object);

  g_clear_pointer (&self->gl, gtk_widget_unparent);
  g_clear_pointer (&self->frame_cache, gsk_render_node_unref);
  g_clear_pointer (&self->image_cache, gsk_render_node_unref);
  g_clear_pointer (&self->overlay_cache, gsk_render_node_unref);
  G_OBJECT_CLASS (flx_field_view_parent_class)->dispose (object);
}

static void
flx_field_view_finalize (GObject *object)
{
  FlxFieldView *self = FLX_FIELD_VIEW (object);

  flx_field_data_free (self->data);
  g_free (self->upload);
  G_OBJECT_CLASS (flx_field_view_parent_class)->finalize (object);
}

static void
flx_field_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  FlxFieldView *self = FLX_FIELD_VIEW (object);

  switch (prop_id)
    {
    case PROP_COLORMAP: g_value_set_int (value, self->data->colormap); break;
    case PROP_KEEP_ASPECT: g_value_set_boolean (value, self->data->keep_aspect); break;
    case PROP_STALE: g_value_set_boolean (value, self->stale); break;
    case PROP_TITLE: g_value_set_string (value, self->data->title); break;
    case PROP_LARGE_TEXT: g_value_set_boolean (value, self->data->large_text); break;
    case PROP_USING_GL: g_value_set_boolean (value, using_gl (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
flx_field_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  FlxFieldView *self = FLX_FIELD_VIEW (object);

  switch (prop_id)
    {
    case PROP_COLORMAP: flx_field_view_set_colormap (self, g_value_get_int (value)); break;
    case PROP_KEEP_ASPECT: flx_field_view_set_keep_aspect (self, g_value_get_boolean (value)); break;
    case PROP_STALE: flx_field_view_set_stale (self, g_value_get_boolean (value)); break;
    case PROP_TITLE: flx_field_view_set_title (self, g_value_get_string (value)); break;
    case PROP_LARGE_TEXT: flx_field_view_set_large_text (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
flx_field_view_class_init (FlxFieldViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = flx_field_view_dispose;
  object_class->finalize = flx_field_view_finalize;
  object_class->get_property = flx_field_view_get_property;
  object_class->set_property = flx_field_view_set_property;
  widget_class->snapshot = flx_field_view_snapshot;
  widget_class->measure = flx_field_view_measure;
  widget_class->size_allocate = flx_field_view_size_allocate;
  widget_class->css_changed = flx_field_view_css_changed;

  /** FlxFieldView:colormap: a #FlxColormap value (viridis or diverging). */
  properties[PROP_COLORMAP] = g_param_spec_int ("colormap", NULL, NULL, FLX_COLORMAP_VIRIDIS,
                                                FLX_COLORMAP_DIVERGING, FLX_COLORMAP_VIRIDIS, rw);
  /** FlxFieldView:keep-aspect: one metre is as long on both axes. */
  properties[PROP_KEEP_ASPECT] = g_param_spec_boolean ("keep-aspect", NULL, NULL, TRUE, rw);
  /** FlxFieldView:stale: dimmed with an "updating…" badge while data is recomputed. */
  properties[PROP_STALE] = g_param_spec_boolean ("stale", NULL, NULL, FALSE, rw);
  /** FlxFieldView:title: (nullable) title above the map. */
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, rw);
  /** FlxFieldView:large-text: bigger fonts and lines, for projectors. */
  properties[PROP_LARGE_TEXT] = g_param_spec_boolean ("large-text", NULL, NULL, FALSE, rw);
  /** FlxFieldView:using-gl: %TRUE while the heat map is drawn with OpenGL; %FALSE for cairo. */
  properties[PROP_USING_GL] = g_param_spec_boolean ("using-gl", NULL, NULL, FALSE,
                                                    G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FlxFieldView::hover:
   * @x: position under the pointer (SI), NaN when it left the map
   * @y: likewise
   * @value: field value there, NaN outside
   *
   * For linked cursors: connect to another view's flx_field_view_set_highlight().
   */
  signals[HOVER] = g_signal_new ("hover", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                 NULL, G_TYPE_NONE, 3, G_TYPE_DOUBLE, G_TYPE_DOUBLE, G_TYPE_DOUBLE);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "flxfieldview");
}

static void
flx_field_view_init (FlxFieldView *self)
{
  GtkEventController *motion;

  self->data = flx_field_data_new ();
  self->highlight_x = self->highlight_y = NAN;
  self->hover_x = self->hover_y = NAN;

  self->gl = gtk_gl_area_new ();
  gtk_gl_area_set_auto_render (GTK_GL_AREA (self->gl), FALSE);
  gtk_gl_area_set_has_depth_buffer (GTK_GL_AREA (self->gl), FALSE);
  gtk_widget_set_can_target (self->gl, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->gl), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  "Field colour map", -1);
  g_signal_connect (self->gl, "realize", G_CALLBACK (gl_realize_cb), self);
  g_signal_connect (self->gl, "unrealize", G_CALLBACK (gl_unrealize_cb), self);
  g_signal_connect (self->gl, "render", G_CALLBACK (gl_render_cb), self);
  gtk_widget_set_parent (self->gl, GTK_WIDGET (self));

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "crosshair");

  update_accessible (self);
}

/**
 * flx_field_view_new:
 *
 * Returns: (transfer floating): a new field view
 */
GtkWidget *
flx_field_view_new (void)
{
  return g_object_new (FLX_TYPE_FIELD_VIEW, NULL);
}

/**
 * flx_field_view_set_data:
 * @data: (array) (nullable): @nx × @ny values, row-major: data[j * nx + i], j along y
 *   (upwards); copied.  NaN cells are transparent.  %NULL clears.
 * @x0: left edge of the field (SI, usually m); samples are cell centres
 * @x1: right edge
 * @y0: bottom edge
 * @y1: top edge
 *
 * Replaces the field.  Same-size updates reuse all buffers (GL: glTexSubImage2D).
 */
void
flx_field_view_set_data (FlxFieldView *self,
                         const double *data,
                         int           nx,
                         int           ny,
                         double        x0,
                         double        x1,
                         double        y0,
                         double        y1)
{
  double old_lo, old_hi, ox0, ox1, oy0, oy1;
  gboolean had = self->data->values != NULL;

  g_return_if_fail (FLX_IS_FIELD_VIEW (self));
  g_return_if_fail (nx >= 0 && ny >= 0);

  old_lo = self->data->lo; old_hi = self->data->hi;
  ox0 = self->data->x0; ox1 = self->data->x1; oy0 = self->data->y0; oy1 = self->data->y1;
  flx_field_data_set_values (self->data, data, nx, ny, x0, x1, y0, y1);
  invalidate_image (self);
  /* the frame shows limits and extent; rebuild it only when they moved */
  if (old_lo != self->data->lo || old_hi != self->data->hi || ox0 != self->data->x0 ||
      ox1 != self->data->x1 || oy0 != self->data->y0 || oy1 != self->data->y1 ||
      had != (self->data->values != NULL))
    invalidate_frame (self);
  update_accessible (self);
}

/**
 * flx_field_view_set_vectors:
 * @u: (array) (nullable): x components, @nx × @ny, same layout and extent as the field
 * @v: (array) (nullable): y components
 *
 * Arrows, thinned to one per ~24 px and scaled to the largest magnitude.  %NULL clears.
 */
void
flx_field_view_set_vectors (FlxFieldView *self,
                            const double *u,
                            const double *v,
                            int           nx,
                            int           ny)
{
  FlxFieldData *d;

  g_return_if_fail (FLX_IS_FIELD_VIEW (self));
  d = self->data;
  g_clear_pointer (&d->u, g_free);
  g_clear_pointer (&d->v, g_free);
  d->vnx = d->vny = 0;
  if (u && v && nx > 0 && ny > 0)
    {
      d->u = g_memdup2 (u, sizeof (double) * nx * ny);
      d->v = g_memdup2 (v, sizeof (double) * nx * ny);
      d->vnx = nx;
      d->vny = ny;
    }
  g_clear_pointer (&self->overlay_cache, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * flx_field_view_set_contours:
 * @levels: (array length=n_levels) (nullable): contour values in field units
 */
void
flx_field_view_set_contours (FlxFieldView *self,
                             const double *levels,
                             int           n_levels)
{
  FlxFieldData *d;

  g_return_if_fail (FLX_IS_FIELD_VIEW (self));
  d = self->data;
  g_clear_pointer (&d->levels, g_free);
  d->n_levels = levels ? MAX (n_levels, 0) : 0;
  if (d->n_levels)
    d->levels = g_memdup2 (levels, sizeof (double) * d->n_levels);
  flx_field_data_update_contours (d);
  g_clear_pointer (&self->overlay_cache, gsk_render_node_unref);
  invalidate_frame (self); /* levels are marked on the colour bar */
}

/**
 * flx_field_view_set_overlay:
 * @x: (array length=n) (nullable): polyline x (SI); NaN breaks the line
 * @y: (array length=n) (nullable): polyline y
 *
 * An outline drawn over the map, e.g. the tip shape.  %NULL clears.
 */
void
flx_field_view_set_overlay (FlxFieldView *self,
                            const double *x,
                            const double *y,
                            int           n)
{
  FlxFieldData *d;

  g_return_if_fail (FLX_IS_FIELD_VIEW (self));
  d = self->data;
  g_clear_pointer (&d->poly_x, g_free);
  g_clear_pointer (&d->poly_y, g_free);
  d->n_poly = (x && y) ? MAX (n, 0) : 0;
  if (d->n_poly)
    {
      d->poly_x = g_memdup2 (x, sizeof (double) * n);
      d->poly_y = g_memdup2 (y, sizeof (double) * n);
    }
  g_clear_pointer (&self->overlay_cache, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * flx_field_view_set_colormap:
 *
 * %FLX_COLORMAP_DIVERGING also makes automatic limits symmetric about zero.
 */
void
flx_field_view_set_colormap (FlxFieldView *self,
                             FlxColormap   colormap)
{
  g_return_if_fail (FLX_IS_FIELD_VIEW (self));
  if (self->data->colormap == colormap)
    return;
  self->data->colormap = colormap;
  self->data->symmetric = colormap == FLX_COLORMAP_DIVERGING;
  flx_field_data_update_limits (self->data);
  self->lut_dirty = TRUE;
  invalidate_image (self);
  invalidate_frame (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLORMAP]);
}

FlxColormap
flx_field_view_get_colormap (FlxFieldView *self)
{
  g_return_val_if_fail (FLX_IS_FIELD_VIEW (self), FLX_COLORMAP_VIRIDIS);
  return self->data->colormap;
}

/* Fixed colour limits, in field units. */
void
flx_field_view_set_limits (FlxFieldView *self,
                           double        min,
                           double        max)
{
  g_return_if_fail (FLX_IS_FIELD_VIEW (self));
  g_return_if_fail (max > min);
  self->data->auto_limits = FALSE;
  self->data->fixed_lo = min;
  self->data->fixed_hi = max;
  flx_field_data_update_limits (self->data);
  invalidate_image (self);
  invalidate_frame (self);
}

/**
 * flx_field_view_set_auto_limits:
 * @symmetric: limits ±max|value|, for signed fields with the diverging map
 *
 * Colour limits follow the data (the default).
 */
void
flx_field_view_set_auto_limits (FlxFieldView *self,
                                gboolean      symmetric)
{
  g_return_if_fail (FLX_IS_FIELD_VIEW (self));
  self->data->auto_limits = TRUE;
  self->data->symmetric = !!symmetric;
  flx_field_data_update_limits (self->data);
  invalidate_image (self);
  invalidate_frame (self);
}

/**
 * flx_field_view_get_limits:
 * @min: (out): lower colour limit in use
 * @max: (out): upper colour limit in use
 */
void
flx_field_view_get_limits (FlxFieldView *self,
                           double       *min,
                           double       *max)
{
  g_return_if_fail (FLX_IS_FIELD_VIEW (self));
  *min = self->data->lo;
  *max = self->data->hi;
}

/**
 * flx_field_view_set_value_label:
 * @label: (nullable): quantity, e.g. "Strain"
 * @unit: (nullable): API unit as for flx_plot_set_axis(), e.g. "K", "C/m^2", ""
 *
 * Colour-bar title and hover read-out.
 */
void
flx_field_view_set_value_label (FlxFieldView *self,
                                const char   *label,
                                const char   *unit)
{
  g_return_if_fail (FLX_IS_FIELD_VIEW (self));
  g_free (self->data->value_label);
  g_free (self->data->value_unit);
  self->data->value_label = g_strdup (label);
  self->data->value_unit = g_strdup (unit);
  invalidate_frame (self);
  update_accessible (self);
}

/**
 * flx_field_view_set_axis_labels:
 * @unit: (nullable): spatial unit, normally "m" (shown as nm or µm as fits)
 */
void
flx_field_view_set_axis_labels (FlxFieldView *self,
                                const char   *x_label,
                                const char   *y_label,
                                const char   *unit)
{
  g_return_if_fail (FLX_IS_FIELD_VIEW (self));
  g_free (self->data->x_label);
  g_free (self->data->y_label);
  g_free (self->data->axis_unit);
  self->data->x_label = g_strdup (x_label);
  self->data->y_label = g_strdup (y_label);
  self->data->axis_unit = g_strdup (unit);
  invalidate_frame (self);
  update_accessible (self);
}

void
flx_field_view_set_title (FlxFieldView *self,
                          const char   *title)
{
  g_return_if_fail (FLX_IS_FIELD_VIEW (self));
  if (g_strcmp0 (self->data->title, title) == 0)
    return;
  g_free (self->data->title);
  self->data->title = g_strdup (title);
  invalidate_frame (self);
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

void
flx_field_view_set_keep_aspect (FlxFieldView *self,
                                gboolean      keep_aspect)
{
  g_return_if_fail (FLX_IS_FIELD_VIEW (self));
  if (self->data->keep_aspect == !!keep_aspect)
    return;
  self->data->keep_aspect = !!keep_aspect;
  invalidate_frame (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEEP_ASPECT]);
}

void
flx_field_view_set_large_text (FlxFieldView *self,
                               gboolean      large_text)
{
  g_return_if_fail (FLX_IS_FIELD_VIEW (self));
  if (self->data->large_text == !!large_text)
    return;
  self->data->large_text = !!large_text;
  g_clear_pointer (&self->overlay_cache, gsk_render_node_unref);
  invalidate_frame (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LARGE_TEXT]);
}

void
flx_field_view_set_stale (FlxFieldView *self,
                          gboolean      stale)
{
  g_return_if_fail (FLX_IS_FIELD_VIEW (self));
  if (self->stale == !!stale)
    return;
  self->stale = !!stale;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STALE]);
}

gboolean
flx_field_view_get_stale (FlxFieldView *self)
{
  g_return_val_if_fail (FLX_IS_FIELD_VIEW (self), FALSE);
  return self->stale;
}

/**
 * flx_field_view_set_highlight:
 * @x: position (SI); NaN hides the linked cursor
 * @y: position (SI)
 */
void
flx_field_view_set_highlight (FlxFieldView *self,
                              double        x,
                              double        y)
{
  g_return_if_fail (FLX_IS_FIELD_VIEW (self));
  self->highlight_x = x;
  self->highlight_y = y;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * flx_field_view_get_using_gl:
 *
 * Returns: %TRUE if the heat map is drawn with OpenGL, %FALSE if with cairo (GL
 *   unavailable or failed, or not realized yet)
 */
gboolean
flx_field_view_get_using_gl (FlxFieldView *self)
{
  g_return_val_if_fail (FLX_IS_FIELD_VIEW (self), FALSE);
  return using_gl (self);
}

static void
export_draw_cb (cairo_t *cr,
                double   width,
                double   height,
                gpointer user_data)
{
  FlxFieldView *self = user_data;
  FlxDrawStyle saved = self->data->style;

  _flx_draw_style_init_light (&self->data->style);
  self->data->style.fill_background = TRUE;
  self->data->style.font_size = saved.font_size;
  g_strlcpy (self->data->style.font_family, saved.font_family, sizeof saved.font_family);
  flx_field_draw (cr, self->data, width, height);
  self->data->style = saved;
}

/**
 * flx_field_view_export:
 * @path: destination, replaced atomically (temporary file, then rename)
 * @format: PNG (vector formats also work; the map is embedded as an image)
 * @width: figure width; <= 0 picks a size where every sample gets at least one pixel
 * @height: figure height; likewise
 * @scale: PNG pixel density
 *
 * Writes the map with axes and colour bar in light "paper" colours.  The heat map is
 * drawn with cairo (nearest neighbour), identical to the GL image.
 *
 * Returns: %TRUE on success
 */
gboolean
flx_field_view_export (FlxFieldView    *self,
                       const char      *path,
                       FlxExportFormat  format,
                       int              width,
                       int              height,
                       double           scale,
                       GError         **error)
{
  g_return_val_if_fail (FLX_IS_FIELD_VIEW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (width <= 0 || height <= 0)
    {
      /* full resolution: grow the figure until the image rectangle holds nx × ny px */
      cairo_t *cr = scratch_cairo ();
      FlxFieldLayout l;
      double w = MAX (640, gtk_widget_get_width (GTK_WIDGET (self)));
      double h = MAX (480, gtk_widget_get_height (GTK_WIDGET (self)));

      for (int iter = 0; iter < 4; iter++)
        {
          double need;
          flx_field_layout_compute (cr, self->data, w, h, &l);
          need = MAX (self->data->nx / l.image.w, self->data->ny / l.image.h);
          if (need <= 1)
            break;
          w = ceil (w * need) + 8;
          h = ceil (h * need) + 8;
        }
      cairo_destroy (cr);
      width = (int) MIN (w, 16000);
      height = (int) MIN (h, 16000);
    }
  return _flx_export_draw (export_draw_cb, self, path, format, width, height, scale, error);
}

/* For tests: where the heat map is (GL child allocation or cairo image), widget coords. */
void
_flx_field_view_get_image_rect (FlxFieldView *self,
                                FlxRect      *rect)
{
  g_return_if_fail (FLX_IS_FIELD_VIEW (self));
  *rect = self->layout.image;
}
