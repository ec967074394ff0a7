package credit

import (
	"strconv"

	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/money"
)

// Text is the reason for a shopper, in lang (a BCP 47 tag: Simplified
// Chinese for "zh", "zh-CN" and the like, English otherwise; see
// billing.Chinese): the built-in codes have their own wording, with the
// amounts or counts they concern; a host rule's reason is its Message.
func (r Reason) Text(lang string) string {
	en, zh := r.texts()
	if en == "" {
		if r.Message == "" {
			return r.Code // a host's reason without words: its code is all there is
		}
		return r.Message
	}
	zhCN := billing.Chinese(lang)
	text := en
	if zhCN {
		text = zh
	}
	switch {
	case r.MaxCount > 0:
		if zhCN {
			return text + "（上限 " + strconv.Itoa(r.MaxCount) + " 笔）"
		}
		return text + " (at most " + strconv.Itoa(r.MaxCount) + ")"
	case r.Limit != (money.Amount{}):
		if zhCN {
			return text + "（限额 " + displayAmount(r.Limit, lang) + "）"
		}
		return text + " (limit " + displayAmount(r.Limit, lang) + ")"
	}
	return text
}

// texts are a built-in code's words, or "" for a host's code.
func (r Reason) texts() (en, zh string) {
	switch r.Code {
	case CodeLineNotActive:
		return "This credit line cannot be used now", "额度暂不可用"
	case CodeCurrencyMismatch:
		return "The price is in another currency than the line", "商品币种与额度币种不符"
	case CodePlanNotOffered:
		return "This installment plan is not offered", "不支持该分期方案"
	case CodeBelowMinimumPurchase:
		return "The purchase is below the minimum", "低于最低消费金额"
	case CodeAboveMaximumPurchase:
		return "The purchase is above the maximum", "超过单笔消费上限"
	case CodeMerchantNotEnrolled:
		return "This merchant does not accept this credit", "该商户暂不支持此付款方式"
	case CodeCategoryNotAllowed:
		return "This kind of goods cannot be bought on credit", "该类商品暂不支持此付款方式"
	case CodeAboveCategoryLimit:
		return "The purchase is above the limit for this kind of goods", "超过该类商品的单笔限额"
	case CodeLineOverdue:
		return "A payment is overdue: repay it to use the line again", "存在逾期未还款项，还款后可继续使用"
	case CodeTooManyPurchases:
		return "Too many purchases today", "今日消费笔数已达上限"
	case CodeInsufficientCredit:
		return "Not enough available credit", "可用额度不足"
	case CodeCalendarNotCovered:
		return "This plan's due dates cannot be set yet", "该分期的还款日暂无法确定"
	}
	return "", ""
}

// displayAmount shows an amount as a shopper reading lang expects:
// ¥1,234.56 in Chinese.
func displayAmount(a money.Amount, lang string) string {
	if billing.Chinese(lang) {
		return a.DisplayIn(money.LocaleZhCN)
	}
	return a.DisplayIn(money.LocaleEn)
}
