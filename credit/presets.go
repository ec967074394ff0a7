package credit

import (
	"strconv"

	"github.com/justspend/justspend/billing"
	"github.com/justspend/justspend/calendar"
	"github.com/justspend/justspend/money"
	"github.com/shopspring/decimal"
)

func cny(units int64) money.Amount  { return money.FromMinor(units, money.CNY) }
func usd(units int64) money.Amount  { return money.FromMinor(units, money.USD) }
func rate(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// huabeiPlans returns Huabei's checkout installment plans: the older fee
// schedule of 3/6/9/12 periods at 2.5/4.5/6.5/8.8% of the principal,
// paid by the buyer, split by Alipay's rule, each period due on the 10th
// and billed on the 1st.
func huabeiPlans() []billing.Plan {
	var plans []billing.Plan
	for _, p := range []struct {
		n    int
		rate string
	}{{3, "0.025"}, {6, "0.045"}, {9, "0.065"}, {12, "0.088"}} {
		plans = append(plans, billing.Plan{
			Name:    strconv.Itoa(p.n) + "-month",
			Periods: p.n, FeeModel: billing.TotalRate, FeeRate: rate(p.rate), Split: billing.AlipaySplit,
			Due:               calendar.DateRule{Kind: calendar.DayOfMonthAfter, Day: 10, Months: 1},
			BillDaysBeforeDue: 9,
		})
	}
	return plans
}

// huabeiBilling returns Huabei's billing rules (sources under Huabei; most
// are aggregator pages, so every figure is a field to change): statement
// on the 1st, due on the 10th of the same month, 0.05% a day on the remainder after a minimum payment, an
// overdue penalty of 0.05% a day on what is overdue in its place, no
// grace days, and a minimum of 10% of new (and carried) principal plus all
// installments, fees, interest and overdue amounts.
func huabeiBilling() billing.Rules {
	daily := rate("0.0005")
	return billing.Rules{
		Cycle: billing.CycleRule{StatementDay: 1, Due: calendar.DateRule{Kind: calendar.DayOfMonthAfter, Day: 10},
			Posting: billing.PostOnDelivery, CutoffHour: 24},
		Interest: billing.InterestRule{Method: billing.RemainderAfterDue, DailyRate: daily},
		Penalty:  billing.PenaltyRule{Method: billing.OverdueDaily, DailyRate: daily, ReplacesInterest: true},
		Minimum: billing.MinimumPayment{NewPrincipalRate: rate("0.10"), CarriedPrincipalRate: rate("0.10"),
			PlusCharges: true},
		Allocation: billing.HuabeiAllocation(),
		Rounding:   money.HalfEven,
	}
}

// HuabeiLaunch2014 is Ant Financial's Huabei ("Just Spend") as launched on
// Tmall and Taobao in December 2014: a revolving line of up to RMB 30,000,
// a minimum purchase of RMB 1,000, purchases billed by their delivery
// (receipt confirmation) date and due by the 10th of the month after
// delivery, in Beijing time.
//
// Sources: TechNode, "China consumer giant Alibaba unveils credit service
// 'Just Spend'", 2014-12-30, and China Daily the same day. China Daily
// speaks of "loans of 1,000 to 30,000 yuan", which may mean a minimum line
// rather than a minimum purchase; this preset follows TechNode (minimum
// purchase 1,000) and leaves MinLimit at zero: set it to RMB 1,000 for the
// other reading. The launch articles give no interest, penalty or minimum
// payment terms: those of Huabei's later rules (Huabei()) are used. A
// purchase delivered on a statement day waits for the next statement, so
// that it is always due in the month after delivery. Hold expiry (15 days),
// the merchant fee (none) and the cap on temporary limits (as much again
// as the largest line, on this and the other Huabei and JD presets) are
// this library's defaults. Plans are named by their periods ("3-month").
func HuabeiLaunch2014() Product {
	return Product{
		Name:        ProductHuabeiLaunch2014,
		Description: "Huabei at launch, December 2014",
		Sources: []string{
			"TechNode, China consumer giant Alibaba unveils credit service 'Just Spend', 2014-12-30",
			"China Daily, 2014-12-30",
		},
		Currency: money.CNY, Zone: "Asia/Shanghai",
		MinLimit: cny(0), MaxLimit: cny(3000000), MaxTempLimit: cny(3000000),
		Purchase:    PurchaseRules{Min: ptr(cny(100000)), BlockOverdue: true},
		HoldDays:    15,
		Billing:     huabeiBilling(),
		AutoConfirm: taobaoAutoConfirm(),
		// Settlement files of banks and Alipay can come a few days late,
		// over a weekend or a holiday: a week covers them. The library's
		// default, not a published term.
		ValueDateDays: 7,
	}
}

// Huabei is Huabei with the rules it came to have: lines of RMB 500 to
// 50,000; statement on the 1st and due on the 10th, with the pairs 5th and
// 15th or 10th and 20th to choose from once a year; 0.05% a day after a
// minimum payment and on overdue amounts; installments of 3/6/9/12 periods
// at 2.5/4.5/6.5/8.8%, at checkout and on statements; early payoff charges
// only fees already billed.
//
// Sources. No text of Ant's or of a regulator gives these terms, and no
// mainstream article does either: they come from aggregator and Q&A pages
// (read in stored copies, 2026-12-05), so every figure is a field to
// change. Lines of 500 to 50,000: en.doing.city/2404/142db6eaebb19d44.html
// (the 2014 launch articles said 1,000 to 30,000: HuabeiLaunch2014).
// Statement on the 1st, due the 8th, 9th or 10th:
// wodefinance.com/Creditcardoverdue/bsmhsailsw.html; the 5th/15th and
// 10th/20th pairs, changeable once a year: m.372181.com/baike/102868.html.
// 0.05% a day on the remainder after a minimum of 10%:
// en.doing.city/2406/065943cd8fc9ac16.html (the minimum's other parts,
// installments, fees, interest and overdue amounts, are this library's
// reading of the banks' rule, for which no Huabei source was found).
// Overdue 0.05% a day: m.php.cn/faq/729780.html (2024-03-30). Fees of
// 2.5/4.5/6.5/8.8% for 3/6/9/12 periods:
// wodefinance.com/Creditcardoverdue/ouyuzyaesn.html. Temporary limits:
// South China Morning Post, article 2119696 (November 2017). What early
// payoff charges: no source found; ChargeBilledFees is this library's
// default.
func Huabei() Product {
	p := HuabeiLaunch2014()
	p.Name, p.Description = ProductHuabei, "Huabei with its later rules"
	p.Sources = []string{
		"en.doing.city/2404/142db6eaebb19d44.html (lines of 500 to 50,000)",
		"wodefinance.com/Creditcardoverdue/bsmhsailsw.html (statement on the 1st, due the 8th, 9th or 10th)",
		"m.372181.com/baike/102868.html (due-day pairs, changeable once a year)",
		"en.doing.city/2406/065943cd8fc9ac16.html (10% minimum, 0.05% a day on the remainder)",
		"m.php.cn/faq/729780.html, 2024-03-30 (overdue 0.05% a day)",
		"wodefinance.com/Creditcardoverdue/ouyuzyaesn.html (installment fees 2.5/4.5/6.5/8.8%)",
	}
	p.MinLimit, p.MaxLimit, p.MaxTempLimit = cny(50000), cny(5000000), cny(5000000)
	p.Purchase = PurchaseRules{BlockOverdue: true}
	p.Installments, p.BillInstallments = huabeiPlans(), huabeiPlans()
	p.EarlyPayoff = billing.ChargeBilledFees
	p.DueDayOptions = []DueDayOption{{1, 8}, {1, 9}, {1, 10}, {5, 15}, {10, 20}}
	return p
}

// JDBaitiao2014 is JD.com's Baitiao as launched in February 2014: up to
// RMB 15,000, each order due 30 days after it is placed with no interest
// (order mode), or in 3 to 12 installments at about 0.5% to 1.2% of the
// principal per period (this preset offers 3, 6 and 12 at 0.5%); a 10%
// minimum, 0.05% a day on what is left after it, and an overdue penalty of
// 0.03% a day (sources say 0.03% or 0.05%) on all unpaid principal and
// installment fees, each order late against its own due date. Installment
// due dates keep the order's day of the month, clamped to the month's end.
//
// Sources: TechNode, "Online retailer JD.com to launch consumer credit
// line", 2014-02-13 (technode.com/2014/02/13/online-retailer-jd-com-to-launch-consumer-credit-line/)
// and China Daily the same day: up to 15,000 yuan, in full within 30 days
// or in 3 to 12 monthly installments. The 0.5% a period:
// wodefinance.com/Creditcardoverdue/epxqewzxxy.html; 0.5% to 1.2%:
// wodezhubaowang.com/Weddingcompany/avalrprvsc.html; overdue 0.03% a day:
// lnmlw.com/Bankloan/wjvkkvfmro.html (the second page says 0.05%). All but
// the launch articles are aggregator pages.
func JDBaitiao2014() Product {
	var plans []billing.Plan
	for _, n := range []int{3, 6, 12} {
		plans = append(plans, billing.Plan{Name: strconv.Itoa(n) + "-month", Periods: n, FeeModel: billing.PerPeriodRate, FeeRate: rate("0.005"),
			Split: billing.AlipaySplit, Due: calendar.DateRule{Kind: calendar.Monthly, Months: 1}})
	}
	return Product{
		Name:        ProductJDBaitiao2014,
		Description: "JD Baitiao, order mode, 2014",
		Sources: []string{
			"TechNode, Online retailer JD.com to launch consumer credit line, 2014-02-13",
			"China Daily, 2014-02-13",
			"wodefinance.com/Creditcardoverdue/epxqewzxxy.html (0.5% a period)",
			"lnmlw.com/Bankloan/wjvkkvfmro.html (overdue 0.03% a day)",
		},
		Currency: money.CNY, Zone: "Asia/Shanghai",
		MinLimit: cny(0), MaxLimit: cny(1500000), MaxTempLimit: cny(1500000),
		Purchase: PurchaseRules{BlockOverdue: true},
		HoldDays: 15,
		// What paying a plan off early costs is not in the sources; this
		// preset charges the fees of every period left, as it always has.
		EarlyPayoff: billing.ChargeAllFees,
		Billing: billing.Rules{
			Cycle: billing.CycleRule{StatementDay: 1, Due: calendar.DateRule{Kind: calendar.DaysAfter, Days: 30},
				DueFrom: billing.DueFromPurchase, Posting: billing.PostOnPayment, CutoffHour: 24},
			Interest: billing.InterestRule{Method: billing.RemainderAfterDue, DailyRate: rate("0.0005")},
			Penalty: billing.PenaltyRule{Method: billing.OverdueDaily, DailyRate: rate("0.0003"), ReplacesInterest: true,
				PerItem: true, Base: billing.OverdueBalance},
			Minimum:    billing.MinimumPayment{NewPrincipalRate: rate("0.10"), CarriedPrincipalRate: rate("0.10"), PlusCharges: true},
			Allocation: billing.ClassicAllocation(),
			Rounding:   money.HalfEven,
		},
		Installments: plans,
	}
}

// Xinyongbao2013 is Sina Weibo's Xinyongbao as launched in December 2013:
// a small line (RMB 50 to 100) granted from Weibo activity, confined to
// minor virtual purchases (online games, reading, video), at most RMB 5 for
// a game, with the merchant paying a 12% to 20% transaction fee (12% here).
// The sources give no repayment terms: this preset asks for the whole
// statement by the 10th and charges no interest.
//
// Source: TechNode, "Sina released credit payment service, eyeing mobile
// payments", 2013-12-20
// (technode.com/2013/12/20/sina-released-credit-payment-service-eyeing-mobile-payments/):
// "A user can get a RMB50 – 100 ($8-16) credit right away… only up to
// RMB 5… is allowed to be spent in one game… Sina will charges merchants
// 12% – 20% transaction-based fees."
func Xinyongbao2013() Product {
	return Product{
		Name:        ProductXinyongbao2013,
		Description: "Sina Weibo Xinyongbao, December 2013",
		Sources:     []string{"TechNode, Sina released credit payment service, eyeing mobile payments, 2013-12-20"},
		Currency:    money.CNY, Zone: "Asia/Shanghai",
		MinLimit: cny(5000), MaxLimit: cny(10000),
		Purchase: PurchaseRules{
			Categories:   []string{"game", "reading", "video"},
			CategoryMax:  map[string]money.Amount{"game": cny(500)},
			BlockOverdue: true,
		},
		HoldDays: 3,
		Billing: billing.Rules{
			Cycle:      billing.CycleRule{StatementDay: 1, Due: calendar.DateRule{Kind: calendar.DayOfMonthAfter, Day: 10}, CutoffHour: 24},
			Minimum:    billing.MinimumPayment{BalanceRate: rate("1")},
			Allocation: billing.ClassicAllocation(),
			Rounding:   money.HalfEven,
		},
		MerchantFeeRate: rate("0.12"),
	}
}

// PayIn4 is a US "pay in 4" product in the style of Klarna and Afterpay:
// 25% at purchase, then three payments every two weeks, no interest, and a
// late fee of USD 7 for each payment still unpaid 10 days after it was
// due, the late fees on an order never more than 25% of it. Every purchase
// must take its one plan.
//
// Source: Klarna Inc., "Pay Later in 4 Agreement": "A Late Fee of up to $7
// may be charged if any scheduled payment remains unpaid after 10 days
// (the total of late fees charged on an order will never exceed 25% of
// your Total Purchase Amount)" (copy read at
// https://syncbot.com/pages/klarna-pay-later-in-4-agreement, 2026-12-02).
func PayIn4() Product {
	return Product{
		Name:        ProductPayIn4,
		Description: "Pay in 4, US",
		Sources: []string{
			"Klarna, Is there a late fee for Pay in 4? (klarna.com/us/customer-service/is-there-a-late-fee-for-slice-it-in-4/)",
			"Klarna, Pay Later in 4 Agreement (copy at syncbot.com/pages/klarna-pay-later-in-4-agreement)",
		},
		Currency: money.USD, Zone: "America/New_York",
		MinLimit: usd(0), MaxLimit: usd(150000),
		Purchase: PurchaseRules{Min: ptr(usd(3500))},
		HoldDays: 7,
		Billing: billing.Rules{
			Cycle: billing.CycleRule{StatementDay: 1, Due: calendar.DateRule{Kind: calendar.DaysAfter, Days: 14},
				DueFrom: billing.DueFromPurchase, CutoffHour: 24},
			Penalty: billing.PenaltyRule{Method: billing.LateFees, PerItem: true,
				Fees: []billing.LateFee{{AfterDays: 10, Amount: usd(700)}}, CapRate: rate("0.25")},
			Minimum:    billing.MinimumPayment{PlusCharges: true},
			Allocation: billing.ClassicAllocation(),
			Rounding:   money.HalfEven,
		},
		Installments: []billing.Plan{{Name: "pay-in-4", Periods: 3, DownPayment: rate("0.25"),
			Due: calendar.DateRule{Kind: calendar.DaysAfter, Days: 14}}},
	}
}

// taobaoAutoConfirm is Taobao's and Tmall's automatic confirmation of
// receipt as the Huabei presets take it: 10 days after shipment for
// physical goods, 3 for virtual ones (games, top-ups, cards), paused while
// a refund request is open. Taobao's rules themselves were not found to
// cite; the figures are from Baidu Zhidao (wapiknow.baidu.com/question/1550446658692497827.html,
// 2022-11-14): "若买的是虚拟物品,自卖家已发货状态起的3天后,系统自动确认收货"
// (virtual goods: confirmed 3 days after the seller ships) and "物流方式为快递、EMS等,
// 自卖家已发货状态起的10天后,系统自动确认收货" (express delivery: 10 days).
func taobaoAutoConfirm() AutoConfirm {
	return AutoConfirm{Days: 10, VirtualDays: 3, VirtualCategories: []string{"virtual", "game", "top-up"}}
}

// The names of the preset products: what OpenLine.Product takes for a
// product of Presets.
const (
	ProductHuabeiLaunch2014 = "huabei-2014"     // HuabeiLaunch2014
	ProductHuabei           = "huabei"          // Huabei
	ProductJDBaitiao2014    = "jd-baitiao-2014" // JDBaitiao2014
	ProductXinyongbao2013   = "xinyongbao-2013" // Xinyongbao2013
	ProductPayIn4           = "pay-in-4"        // PayIn4
)

// Presets returns every preset product: ProductHuabeiLaunch2014,
// ProductHuabei, ProductJDBaitiao2014, ProductXinyongbao2013 and
// ProductPayIn4, by those names.
func Presets() []Product {
	return []Product{HuabeiLaunch2014(), Huabei(), JDBaitiao2014(), Xinyongbao2013(), PayIn4()}
}

func ptr[T any](v T) *T { return &v }
