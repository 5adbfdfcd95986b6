#include "certintake/rules/verdict.hpp"

namespace certintake::rules {

std::string_view FlagCode(Flag flag) {
  switch (flag) {
    case Flag::kCopy: return "copy";
    case Flag::kReducedCopy: return "reduced_copy";
    case Flag::kReceipt: return "receipt";
    case Flag::kNameMissing: return "name_missing";
    case Flag::kNameInPencil: return "name_in_pencil";
    case Flag::kOutOfPeriod: return "out_of_period";
    case Flag::kDuplicateRelatedSociety: return "duplicate_related_society";
    case Flag::kDuplicateEvent: return "duplicate_event";
    case Flag::kUnknownEvent: return "unknown_event";
    case Flag::kPrefectureNotBranchIssued: return "prefecture_not_branch_issued";
    case Flag::kUnreadable: return "unreadable";
    case Flag::kLowConfidence: return "low_confidence";
  }
  return "unknown";
}

std::string_view ReasonCode(Reason reason) {
  switch (reason) {
    case Reason::kFeesUnpaid: return "fees_unpaid";
    case Reason::kLateApplication: return "late_application";
    case Reason::kUnknownMember: return "unknown_member";
    case Reason::kInsufficientJgetsMeetings: return "insufficient_jgets_meetings";
    case Reason::kInsufficientMeetingPoints: return "insufficient_meeting_points";
    case Reason::kMissingEquipmentCourse: return "missing_equipment_course";
  }
  return "unknown";
}

std::string_view DecisionCode(Decision decision) {
  switch (decision) {
    case Decision::kApprove: return "approve";
    case Decision::kDeficient: return "deficient";
    case Decision::kNeedsReview: return "needs_review";
  }
  return "needs_review";
}

std::optional<Flag> FlagFromCode(std::string_view code) {
  for (int i = 0; i <= static_cast<int>(Flag::kLowConfidence); ++i) {
    if (FlagCode(static_cast<Flag>(i)) == code) return static_cast<Flag>(i);
  }
  return std::nullopt;
}

std::optional<Reason> ReasonFromCode(std::string_view code) {
  for (int i = 0; i <= static_cast<int>(Reason::kMissingEquipmentCourse); ++i) {
    if (ReasonCode(static_cast<Reason>(i)) == code) return static_cast<Reason>(i);
  }
  return std::nullopt;
}

std::string_view FlagWordingJa(Flag flag) {
  switch (flag) {
    case Flag::kCopy: return "コピーと判定されました（原本のみ有効です）";
    case Flag::kReducedCopy: return "縮小コピーと判定されました（原本のみ有効です）";
    case Flag::kReceipt: return "領収書は証明書として認められません";
    case Flag::kNameMissing: return "出席者名の記名がありません";
    case Flag::kNameInPencil: return "記名が鉛筆で書かれています（マジックかボールペンのみ有効です）";
    case Flag::kOutOfPeriod: return "認定期間外（または対象期間外）の日付です";
    case Flag::kDuplicateRelatedSociety: return "同一の指定関連学会は1回のみ有効です";
    case Flag::kDuplicateEvent:
      return "同じ学会・研究会の証明書が重複しています（Web参加と現地参加はどちらか1回のみ有効です）";
    case Flag::kUnknownEvent: return "更新ポイントの対象となる学会・研究会・講習会であることを確認できません";
    case Flag::kPrefectureNotBranchIssued: return "県技師会の研究会は支部長が発行した出席証明書のみ有効です";
    case Flag::kUnreadable: return "証明書を読み取れませんでした";
    case Flag::kLowConfidence: return "読み取り結果の確信度が低いため、確認が必要です";
  }
  return "";
}

std::string_view ReasonWordingStaffJa(Reason reason) {
  switch (reason) {
    case Reason::kFeesUnpaid: return "年会費が未納です";
    case Reason::kLateApplication: return "申請受付期間を過ぎて到着しました";
    case Reason::kUnknownMember: return "会員番号が会員名簿にありません";
    case Reason::kInsufficientJgetsMeetings: return "技師学会・研究会の出席が2回に足りません";
    case Reason::kInsufficientMeetingPoints: return "学会・研究会の出席ポイントが30点に足りません";
    case Reason::kMissingEquipmentCourse: return "機器取扱い講習会の受講証明がありません";
  }
  return "";
}

std::string_view ReasonWordingMemberJa(Reason reason) {
  switch (reason) {
    case Reason::kFeesUnpaid:
      return "未納の年会費があります。会員管理システムで年会費を完納のうえ、あらためて申請してください。";
    case Reason::kLateApplication:
      return "更新申請の受付期間（9月1日から2月28日必着）を過ぎて到着したため、受け付けることができません。";
    case Reason::kUnknownMember:
      return "会員番号を確認できませんでした。認定番号を明記のうえ、事務局までお問い合わせください。";
    case Reason::kInsufficientJgetsMeetings:
      return "日本消化器内視鏡技師会（本会・支部）が主催する学会または研究会の出席証明書が2回分（20点）必要です。"
             "不足分の出席証明書の原本を送付してください。";
    case Reason::kInsufficientMeetingPoints:
      return "学会・研究会の出席ポイントが30点に達していません。不足分の出席証明書の原本を送付してください。";
    case Reason::kMissingEquipmentCourse:
      return "機器取扱い講習会（基礎編または実践編）の受講証明書（10点）が必要です。原本を送付してください。";
  }
  return "";
}

}  // namespace certintake::rules
