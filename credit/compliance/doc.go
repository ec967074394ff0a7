// Package compliance checks a credit product against rules a lender must
// follow and says which it breaks, with the numbers and the text each rule
// comes from.
//
// # The model
//
// A Rule is an ID, a Citation and a Check function from a credit.Product
// to Findings. Check(p, rules...) validates the product and runs the
// rules; with none given it runs For(p), the built-in set for the
// product's currency: China() for renminbi, US() for US dollars. Hosts
// write their own rules as Rule values and pass them alongside or instead.
//
// A Finding names the rule, its citation (authority, title, number, date,
// section, whom it binds and where this package read it), the product
// field concerned in its JSON path, what was found with the numbers, what
// the rule requires, and a Severity:
//
//   - Pass: the product meets the rule; the finding shows the figures.
//   - Info: a figure the host must show (an annualized rate), or why the
//     rule does not reach the product.
//   - Warning: the product may break the rule, or breaks a line that binds
//     only some lenders or that a court rather than a regulator draws.
//   - Violation: the product breaks the rule.
//
// Report.Worst and Report.AtLeast pick out what needs a person.
//
// Rules are pure: they never read the clock, keep no state, and do money
// arithmetic in minor units and rates in decimals, never float64. What
// depends on a date or on the day's figures is an option: the one-year
// loan prime rate in force when the contract is made (ChinaOptions.LPR),
// the year's safe-harbor amounts (USOptions.SafeHarbor), and the sample
// purchase the plans are priced on (Sample: RMB or USD 1,000.00 on
// 2025-01-15, kept within the product's purchase and line limits).
//
// # Annualized rates
//
// Every rate is annualized as package billing does it. Interest stated by
// the day is the daily rate × 365 (0.05% a day is 18.25% a year, simple).
// An installment plan is laid out on the sample purchase
// (billing.Plan.Schedule) and its annualized rate is the internal rate of
// return of the shopper's payments per period × the periods in a year
// (billing.Schedule.AnnualizedRate): Huabei's 3 months at 2.5% of the
// principal pay 341.68, 341.66 and 341.66 on RMB 1,000.00, which a rate of
// 1.2449% a month discounts to 1,000.00, so 14.94% a year. The US rules
// also compute Regulation Z's Appendix J APR from the dated payments
// (billing.ActuarialAPR).
//
// # China
//
//   - cn.pboc-2021-3.annualized-rate (AnnualizedRateRule): People's Bank of
//     China, 中国人民银行公告〔2021〕第3号, 2021-03-31: every loan product
//     shows its annualized rate, all interest and directly related fees as
//     a share of the principal actually used, more prominently than any
//     daily or monthly rate. Read in China Banking News, 2021-04-02,
//     https://www.chinabankingnews.com/2021/04/02/pboc-requires-all-loan-products-clearly-display-real-annualized-interest-rates/,
//     and Reuters, 2021-03-31. Info: the rate to show, for interest, each
//     plan and the daily penalty.
//   - cn.pboc-2020-327.overdraft-rate (OverdraftRateRule): PBoC, 关于推进信用卡
//     透支利率市场化改革的通知, 银发〔2020〕327号, 2020-12-31: from 2021-01-01
//     the credit-card overdraft rate is agreed freely; the bounds of
//     2017-2020 (0.05% a day, 18.25% a year, and 0.7 times that, 0.035%)
//     are lifted; the annualized rate is shown. Read in Xinhua via People's
//     Daily Online, 2021-01-11, http://en.people.cn/n3/2021/0111/c90000-9807874.html.
//   - cn.pboc-2016-111.no-interest-on-charges (NoInterestOnChargesRule):
//     PBoC, 关于信用卡业务有关事项的通知, 银发〔2016〕111号, announced
//     2016-04-15, in force 2017-01-01: the late-payment fee (滞纳金) is
//     cancelled, liquidated damages (违约金) only by agreement, and no
//     interest on liquidated damages or fees. Read in translation at
//     http://www.buxiugangdiaosu.cc/?p=3039 and in HKTDC's summary.
//   - cn.cbirc-2022.installment-term (InstallmentTermRule): CBIRC and PBoC,
//     关于进一步促进信用卡业务规范健康发展的通知, reported 2022-07-07:
//     credit-card installments of at most 5 years, their cost shown as
//     interest. Read in People's Daily, 2022-07-08, p. 8.
//   - cn.spc-2020.lending-ceiling (LendingCeilingRule): Supreme People's
//     Court, provisions on private lending as amended 2020-08-20, Article
//     25: a court does not support interest above four times the one-year
//     LPR (4 × 3.0% = 12% with DefaultLPR, published 2025-05-20). The
//     Court's reply in force 2021-01-01 leaves licensed lenders, micro-loan
//     companies among them, outside it, so above it is a Warning.
//   - cn.comprehensive-cost-24 (ComprehensiveCostRule): the 24% ceiling on
//     comprehensive financing cost for micro-loan companies (Caixin Global,
//     "China Caps Borrowing Costs Charged by Micro-Loan Companies",
//     2026-01-15) and, by window guidance, consumer-finance companies
//     (MNI citing the Securities Times). Above it is a Violation.
//
// # United States
//
//   - us.reg-z.1026.52b-safe-harbor (LateFeeSafeHarborRule): 12 CFR
//     1026.52(b)(1)(ii): a late fee within the safe harbor, USD 30, or USD
//     41 for a repeat within six billing cycles (DefaultSafeHarbor: the
//     amounts before the CFPB's 2024 rule, 89 FR 19128, which a court
//     vacated on 2025-04-15).
//   - us.reg-z.1026.52b2iA-fee-above-minimum (LateFeeMinimumRule): 12 CFR
//     1026.52(b)(2)(i)(A): no late fee above the minimum payment due before
//     it (NAFCU Compliance Blog, 2020-09-11,
//     https://www.nafcu.org/compliance-blog/brief-refresher-credit-card-penalty-fees).
//   - us.reg-z.1026.52a-first-year-fees (FirstYearFeesRule): 12 CFR
//     1026.52(a): required fees in the first year at most 25% of the
//     credit limit, late fees and optional fees excluded.
//   - us.reg-z.1026.22-apr-tolerance (APRToleranceRule): 12 CFR
//     1026.22(a)(2)-(3) and Appendix J: a closed-end APR within 1/8 of a
//     percentage point of the actuarial APR, 1/4 if irregular (read at
//     https://frrsdigital.com/topic-by-locator/6-5885).
//   - us.reg-z.1026.14-apr (OpenEndAPRRule): 12 CFR 1026.14(a)-(b): the
//     APR is the periodic rate × the periods in a year, within 1/8 of a
//     point (read at https://frrsdigital.com/topic-by-locator/6-5783).
//
// Each citation's Read field gives every address this package read it
// at; where it read only a report of a text, it says so.
//
// # The presets
//
// No preset has a Violation. Their Warnings are these, and why:
//
//   - huabei-2014 and huabei charge 0.05% a day on what is carried,
//     18.25% a year, and huabei's plans cost 14.94% (3 months at 2.5%) to
//     15.87% (12 months at 8.8%) a year: all above the 12% of four times
//     the LPR of 2025-05-20. The launch in December 2014 predates the 2020
//     ceiling, and even the 24% and 36% lines it replaced, which the Court
//     set in 2015; a licensed lender is outside it in any case. The rates
//     are within the 24% ceiling on comprehensive cost.
//   - jd-baitiao-2014 charges the same 0.05% a day, above 12% for the same
//     reasons; its plans at 0.5% a month (6% a year as stated) cost 8.98%
//     to 10.90% a year, below it.
//
// xinyongbao-2013 charges the shopper nothing and passes everything; the
// 12% its merchants pay is not a cost of the shopper's credit. pay-in-4
// passes the US rules: its USD 7.00 late fee is within USD 30.00 and below
// the USD 8.75 of the smallest item of its smallest purchase (USD 35.00
// in four), and with no fee its APR is 0% by either method.
//
// # Not checked
//
// Whether the host's pages show the rates (a product has no field for
// what is displayed), who the lender is (a bank, a consumer-finance or a
// micro-loan company, which decides which Chinese rules bind), whether
// Regulation Z reaches a pay-in-4 plan at all (four payments and no
// finance charge), and the rule against more than one penalty fee for
// one late payment, which this package did not read.
package compliance
