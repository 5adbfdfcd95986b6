#include "support/scan_files.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <tiffio.h>

#include <opencv2/imgproc.hpp>
#include <opencv2/objdetect.hpp>
#include <stdexcept>

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

void WriteScannerPdf(const std::filesystem::path& file, const std::vector<cv::Mat>& pages, double dpi) {
  cairo_surface_t* pdf = cairo_pdf_surface_create(file.c_str(), 595.0, 842.0);
  for (const cv::Mat& page : pages) {
    cv::Mat bgra;
    cv::cvtColor(page, bgra, page.channels() == 1 ? cv::COLOR_GRAY2BGRA : cv::COLOR_BGR2BGRA);
    cairo_surface_t* image = cairo_image_surface_create_for_data(bgra.data, CAIRO_FORMAT_RGB24, bgra.cols, bgra.rows,
                                                                 static_cast<int>(bgra.step));
    const double width_pt = bgra.cols * 72.0 / dpi;
    const double height_pt = bgra.rows * 72.0 / dpi;
    cairo_pdf_surface_set_size(pdf, width_pt, height_pt);
    cairo_t* cr = cairo_create(pdf);
    cairo_scale(cr, 72.0 / dpi, 72.0 / dpi);
    cairo_set_source_surface(cr, image, 0, 0);
    cairo_paint(cr);
    cairo_show_page(cr);
    cairo_destroy(cr);
    cairo_surface_destroy(image);
  }
  cairo_surface_finish(pdf);
  const bool ok = cairo_surface_status(pdf) == CAIRO_STATUS_SUCCESS;
  cairo_surface_destroy(pdf);
  if (!ok) {
    throw std::runtime_error("cannot write " + file.string());
  }
}

void WriteTiff(const std::filesystem::path& file, const std::vector<cv::Mat>& pages, double dpi) {
  TIFF* tif = TIFFOpen(file.c_str(), "w");
  if (tif == nullptr) {
    throw std::runtime_error("cannot write " + file.string());
  }
  for (const cv::Mat& page : pages) {
    cv::Mat pixels;
    if (page.channels() == 3) {
      cv::cvtColor(page, pixels, cv::COLOR_BGR2RGB);
    } else {
      pixels = page;
    }
    TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, static_cast<uint32_t>(pixels.cols));
    TIFFSetField(tif, TIFFTAG_IMAGELENGTH, static_cast<uint32_t>(pixels.rows));
    TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, static_cast<uint16_t>(pixels.channels()));
    TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, static_cast<uint16_t>(8));
    TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, pixels.channels() == 3 ? PHOTOMETRIC_RGB : PHOTOMETRIC_MINISBLACK);
    TIFFSetField(tif, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
    TIFFSetField(tif, TIFFTAG_COMPRESSION, COMPRESSION_LZW);
    TIFFSetField(tif, TIFFTAG_ROWSPERSTRIP, static_cast<uint32_t>(64));
    TIFFSetField(tif, TIFFTAG_XRESOLUTION, static_cast<float>(dpi));
    TIFFSetField(tif, TIFFTAG_YRESOLUTION, static_cast<float>(dpi));
    TIFFSetField(tif, TIFFTAG_RESOLUTIONUNIT, RESUNIT_INCH);
    TIFFSetField(tif, TIFFTAG_SUBFILETYPE, FILETYPE_PAGE);
    for (int y = 0; y < pixels.rows; ++y) {
      TIFFWriteScanline(tif, pixels.ptr(y), static_cast<uint32_t>(y), 0);
    }
    TIFFWriteDirectory(tif);
  }
  TIFFClose(tif);
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
