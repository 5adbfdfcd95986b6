#include "support/scan_files.hpp"

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

}  // namespace certintake::testing
