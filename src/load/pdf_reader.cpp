// PDF pages through Poppler's GLib interface, rendered with cairo at the resolution of the scan
// embedded in each page (scanner PDFs hold one image per page), or at the default dpi.

#include <cairo.h>
#include <glib.h>
#include <poppler.h>

#include <fmt/format.h>
#include <poppler/cpp/poppler-global.h>
#include <cmath>
#include <memory>
#include <mutex>
#include <opencv2/imgproc.hpp>
#include <optional>
#include <string>

#include "certintake/core/error.hpp"
#include "readers.hpp"

namespace certintake::load {
namespace {

// Poppler reports syntax problems through one process-wide callback; keep the first message of
// the current thread so that our one-line error can name the cause instead of printing noise.
thread_local std::string first_poppler_message;

/// Poppler and cairo keep process-wide state (fonts, caches, the error handler): documents are
/// opened and pages rendered one at a time, whichever thread asks.
std::mutex& PopplerMutex() {
  static std::mutex mutex;
  return mutex;
}

void CapturePopplerMessage(const std::string& message, void* /*closure*/) {
  if (first_poppler_message.empty()) {
    first_poppler_message = message;
  }
}

void RoutePopplerMessages() {
  static std::once_flag once;
  std::call_once(once, [] { poppler::set_debug_error_function(CapturePopplerMessage, nullptr); });
}

struct GObjectDeleter {
  void operator()(gpointer object) const { g_object_unref(object); }
};
using DocumentPtr = std::unique_ptr<PopplerDocument, GObjectDeleter>;
using PagePtr = std::unique_ptr<PopplerPage, GObjectDeleter>;

struct SurfaceDeleter {
  void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
};
using SurfacePtr = std::unique_ptr<cairo_surface_t, SurfaceDeleter>;

std::string DescribeOpenError(const GError* error) {
  if (error != nullptr && error->domain == POPPLER_ERROR && error->code == POPPLER_ERROR_ENCRYPTED) {
    return "the PDF is password-protected: save it again without a password, or scan the pages again";
  }
  std::string detail = error != nullptr ? error->message : "unknown error";
  if (!first_poppler_message.empty()) {
    detail += " (" + first_poppler_message + ")";
  }
  return fmt::format("not a readable PDF: {}; the file may be damaged or incompletely copied", detail);
}

/// Resolution of the largest image on the page, when one covers at least half of it.
std::optional<double> EmbeddedScanDpi(PopplerPage* page, double page_width_pt, double page_height_pt) {
  GList* mappings = poppler_page_get_image_mapping(page);
  const PopplerImageMapping* largest = nullptr;
  double largest_area = 0.0;
  for (GList* item = mappings; item != nullptr; item = item->next) {
    const auto* mapping = static_cast<const PopplerImageMapping*>(item->data);
    const double area = std::abs((mapping->area.x2 - mapping->area.x1) * (mapping->area.y2 - mapping->area.y1));
    if (area > largest_area) {
      largest_area = area;
      largest = mapping;
    }
  }
  std::optional<double> dpi;
  if (largest != nullptr && largest_area >= 0.5 * page_width_pt * page_height_pt) {
    SurfacePtr image(poppler_page_get_image(page, largest->image_id));
    if (image) {
      const double pixels =
          double(cairo_image_surface_get_width(image.get())) * double(cairo_image_surface_get_height(image.get()));
      const double square_inches = largest_area / (72.0 * 72.0);
      if (pixels > 0 && square_inches > 0) {
        dpi = std::round(std::sqrt(pixels / square_inches));
      }
    }
  }
  poppler_page_free_image_mapping(mappings);
  return dpi;
}

class PdfReader final : public ScanReader {
 public:
  PdfReader(DocumentPtr document, const LoadLimits& limits) : document_(std::move(document)), limits_(limits) {}
  PdfReader(const PdfReader&) = delete;
  PdfReader& operator=(const PdfReader&) = delete;
  ~PdfReader() override {
    const std::lock_guard<std::mutex> lock(PopplerMutex());
    document_.reset();
  }

  [[nodiscard]] int PageCount() const override {
    const std::lock_guard<std::mutex> lock(PopplerMutex());
    return poppler_document_get_n_pages(document_.get());
  }

  PageImage ReadPage(int index) override {
    const std::lock_guard<std::mutex> lock(PopplerMutex());
    first_poppler_message.clear();
    PagePtr page(poppler_document_get_page(document_.get(), index - 1));
    if (!page) {
      throw InputError("the page cannot be read from the PDF");
    }
    double width_pt = 0;
    double height_pt = 0;
    poppler_page_get_size(page.get(), &width_pt, &height_pt);
    if (!(width_pt > 0 && height_pt > 0)) {
      throw InputError("the page has no size in the PDF");
    }
    PageImage result;
    result.index = index;
    if (auto dpi = EmbeddedScanDpi(page.get(), width_pt, height_pt); dpi && *dpi >= 50 && *dpi <= 1200) {
      result.dpi = *dpi;
      result.dpi_source = DpiSource::kFile;
    } else {
      result.dpi = limits_.default_dpi;
      result.dpi_source = DpiSource::kAssumed;
    }
    const double scale = result.dpi / 72.0;
    const double width_px = std::round(width_pt * scale);
    const double height_px = std::round(height_pt * scale);
    CheckPageSize(width_px, height_px, limits_);

    SurfacePtr surface(
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, static_cast<int>(width_px), static_cast<int>(height_px)));
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
      throw InputError("not enough memory to render the page");
    }
    cairo_t* cr = cairo_create(surface.get());
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, scale, scale);
    poppler_page_render_for_printing(page.get(), cr);
    const cairo_status_t status = cairo_status(cr);
    cairo_destroy(cr);
    if (status != CAIRO_STATUS_SUCCESS) {
      throw InputError(fmt::format("the page cannot be rendered: {}", cairo_status_to_string(status)));
    }
    cairo_surface_flush(surface.get());
    // CAIRO_FORMAT_RGB24 is one native-endian 32-bit word per pixel: B, G, R, unused on x86.
    const cv::Mat bgrx(static_cast<int>(height_px), static_cast<int>(width_px), CV_8UC4,
                       cairo_image_surface_get_data(surface.get()),
                       static_cast<std::size_t>(cairo_image_surface_get_stride(surface.get())));
    cv::Mat bgr;
    cv::cvtColor(bgrx, bgr, cv::COLOR_BGRA2BGR);
    result.pixels = CollapseGreyToOneChannel(std::move(bgr));
    return result;
  }

 private:
  DocumentPtr document_;
  LoadLimits limits_;
};

}  // namespace

std::unique_ptr<ScanReader> OpenPdf(const std::filesystem::path& file, const LoadLimits& limits) {
  const std::lock_guard<std::mutex> lock(PopplerMutex());
  RoutePopplerMessages();
  first_poppler_message.clear();
  GError* error = nullptr;
  gchar* uri = g_filename_to_uri(std::filesystem::absolute(file).c_str(), nullptr, &error);
  if (uri == nullptr) {
    std::string message = error != nullptr ? error->message : "invalid path";
    g_clear_error(&error);
    throw InputError(fmt::format("cannot open the file: {}", message));
  }
  DocumentPtr document(poppler_document_new_from_file(uri, nullptr, &error));
  g_free(uri);
  if (!document) {
    std::string message = DescribeOpenError(error);
    g_clear_error(&error);
    throw InputError(message);
  }
  const int pages = poppler_document_get_n_pages(document.get());
  if (pages <= 0) {
    throw InputError("the PDF has no pages");
  }
  if (pages > limits.max_pages) {
    throw InputError(
        fmt::format("the PDF has {} pages, more than the limit of {}; split the batch", pages, limits.max_pages));
  }
  return std::make_unique<PdfReader>(std::move(document), limits);
}

}  // namespace certintake::load
