#include "support/scan_files.hpp"

#include <cairo.h>

#include <opencv2/imgproc.hpp>
#include <opencv2/objdetect.hpp>

namespace certintake::testing {

cv::Mat MakePage(double dpi, bool colour) {
  const int width = static_cast<int>(8.27 * dpi);
  const int height = static_cast<int>(11.69 * dpi);
  cv::Mat page(height, width, colour ? CV_8UC3 : CV_8UC1, cv::Scalar::all(255));
  cv::rectangle(page, cv::Rect(width / 10, height / 10, width / 2, height / 40),
                colour ? cv::Scalar(200, 40, 40) : cv::Scalar::all(40), cv::FILLED);
  return page;
}

cv::Mat MakeQrPage(const std::string& payload, double dpi) {
  cv::Mat page = MakePage(dpi);
  cv::Mat qr;
  cv::QRCodeEncoder::create()->encode(payload, qr);
  const int size = static_cast<int>(2.0 * dpi);  // a 2-inch code
  cv::Mat scaled;
  cv::resize(qr, scaled, cv::Size(size, size), 0, 0, cv::INTER_NEAREST);
  scaled.copyTo(page(cv::Rect(page.cols / 3, page.rows / 3, size, size)));
  return page;
}

cv::Mat RenderTextLines(const std::vector<std::string>& lines, double dpi, double point_size) {
  const double pixel_size = point_size * dpi / 72.0;
  const int width = static_cast<int>(pixel_size * 24);
  const int height = static_cast<int>(pixel_size * 1.8 * static_cast<double>(lines.size() + 1));
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
  cairo_select_font_face(cr, "Noto Sans CJK JP", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, pixel_size);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    cairo_move_to(cr, pixel_size, pixel_size * 1.8 * static_cast<double>(i + 1));
    cairo_show_text(cr, lines[i].c_str());
  }
  cairo_destroy(cr);
  cairo_surface_flush(surface);
  const cv::Mat bgrx(height, width, CV_8UC4, cairo_image_surface_get_data(surface),
                     static_cast<std::size_t>(cairo_image_surface_get_stride(surface)));
  cv::Mat grey;
  cv::cvtColor(bgrx, grey, cv::COLOR_BGRA2GRAY);
  cairo_surface_destroy(surface);
  return grey;
}

}  // namespace certintake::testing
