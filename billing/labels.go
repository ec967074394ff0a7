package billing

import "strings"

// Chinese reports whether a BCP 47 language tag asks for Simplified
// Chinese ("zh", "zh-CN", "zh-Hans", "zh-Hans-CN", "zh-SG", in any case,
// with "-" or "_"): the labels of this package and of credit are in
// Simplified Chinese for those, in English otherwise. Traditional Chinese
// (zh-TW, zh-HK, zh-MO, zh-Hant) is not offered and gets English, as
// money.ParseLocale refuses those tags rather than show the yuan wrongly.
func Chinese(lang string) bool {
	tag := strings.ToLower(strings.ReplaceAll(lang, "_", "-"))
	if tag != "zh" && !strings.HasPrefix(tag, "zh-") {
		return false
	}
	for _, part := range strings.Split(tag, "-")[1:] {
		switch part {
		case "tw", "hk", "mo", "hant":
			return false
		}
	}
	return true
}

// Label names the kind for a shopper, in lang (see Chinese): in English,
// or in Chinese as Alipay's and the banks' statements word it.
func (k LineKind) Label(lang string) string {
	en, zh := k.labels()
	if Chinese(lang) {
		return zh
	}
	return en
}

func (k LineKind) labels() (en, zh string) {
	switch k {
	case PurchaseLine:
		return "Purchase", "消费"
	case InstallmentPurchaseLine:
		return "Purchase on installments", "分期消费"
	case InstallmentFeeLine:
		return "Installment fee", "分期手续费"
	case FeeLine:
		return "Fee", "费用"
	case InterestLine:
		return "Interest", "利息"
	case PenaltyLine:
		return "Overdue penalty", "逾期罚息"
	case PaymentLine:
		return "Payment", "还款"
	case RefundLine:
		return "Refund", "退款"
	case WaiverLine:
		return "Fee waived", "费用减免"
	case ConversionLine:
		return "Moved to installments", "账单分期"
	case PayoutLine:
		return "Credit balance paid out", "溢缴款转出"
	case ReversalLine:
		return "Payment reversed", "还款退回"
	case ChargeOffLine:
		return "Charged off", "核销转出"
	case ChargedOffLine:
		return "Charged-off balance", "已核销欠款"
	case RecoveryLine:
		return "Recovery of charged-off balance", "核销后还款"
	case WriteOffLine:
		return "Small balance written off", "小额欠款减免"
	case DeferralLine:
		return "Due date deferred", "延期还款"
	case ReageLine:
		return "Account re-aged: past due brought current", "逾期账龄重置"
	}
	return k.String(), k.String()
}
