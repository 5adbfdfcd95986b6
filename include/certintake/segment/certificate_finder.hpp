#pragma once

#include <filesystem>
#include <opencv2/core.hpp>
#include <string>
#include <vector>

#include "certintake/core/debug_sink.hpp"
#include "certintake/core/page_image.hpp"

namespace certintake::segment {

/// One pasted piece found on a page, in the pixel coordinates of the page as scanned.
struct PieceRegion {
  cv::RotatedRect outline;  ///< the piece's rotated rectangle
  cv::Rect box;             ///< axis-aligned box around it, clipped to the page
  double score = 0.0;       ///< 0..1: how sure the finder is (1 for every piece until scoring is built)
};

struct SegmentOptions {
  double working_dpi = 75.0;    ///< resolution the search runs at
  double min_side_mm = 30.0;    ///< smaller pieces are handwriting or specks
  double paper_contrast = 7.0;  ///< Lab distance from the page's paper that counts as "not paper"
  double ink_contrast = 28.0;   ///< grey levels below the paper that count as ink
  double group_gap_mm = 45.0;   ///< print this close together is one piece's unless a paper edge parts it
  double min_edge_mm = 12.0;    ///< shorter straight lines are not paper edges
  double edge_reach_mm = 25.0;  ///< how far beyond its print a piece's paper edge may lie
  double margin_mm = 2.0;       ///< margin given to a side whose paper edge is not seen
};

/// Finds the certificates pasted on one upright page. `blank_form` is the office's blank form
/// the page may be printed on (or empty): when it registers to the scan its print is discounted,
/// else the page is taken for plain paper. Returns an empty list for a page with nothing pasted
/// on it (not an error).
std::vector<PieceRegion> FindCertificates(const PageImage& page, const cv::Mat& blank_form,
                                          const SegmentOptions& options = {}, const DebugSink& debug = {});

/// One of the office's blank forms (`models/forms/FILE`), rendered grey at `dpi` (cached).
const cv::Mat& BlankForm(const std::string& file, double dpi);

/// The office's blank back page, rendered grey at `dpi` (cached).
const cv::Mat& BlankBackPage(double dpi);

/// How well the header of `blank_form` (title, fields, boxes) is found in the top of an upright
/// grey page, -1..1 (normalised correlation, best over a few print scales).
double FormHeaderScore(const cv::Mat& blank_form, const cv::Mat& page_grey);

/// The piece cut out of the page and turned upright (its rotation removed), at page resolution.
cv::Mat CropPiece(const PageImage& page, const PieceRegion& piece);

}  // namespace certintake::segment
