// Package funding splits credit lines between the institutions that fund
// them: joint lending (联合贷款), in which the platform and partner banks
// each fund a share of every loan, and share its interest, fees,
// repayments and losses in proportion.
//
// # Plans
//
// A Plan names the funders of a line and their shares, exact decimals that
// sum to exactly 1, and which funder is the platform. The zero Plan is the
// platform funding everything, so a line without a plan reads as it always
// did. Plan.Validate refuses a plan whose platform funds less than
// Plan.MinPlatformShare, by default 30% (DefaultMinPlatformShare), with a
// *PlanError naming the field.
//
// The 30% is China's rule. The China Banking and Insurance Regulatory
// Commission's 《商业银行互联网贷款管理暂行办法》 (Interim Measures for the
// Administration of Internet Loans of Commercial Banks, 2020) governs loans
// that banks fund jointly with partner institutions; its General Office's
// 2021 notice 《关于进一步规范商业银行互联网贷款业务的通知》 (on further
// regulating commercial banks' internet loan business) added the numbers:
// a bank lending jointly with a partner must keep to the funding-share
// range, and in a single loan the partner's share may not be below 30%
// (单笔贷款中合作方出资比例不得低于30%); what a bank lends jointly with
// one partner (and its affiliates) may not exceed 25% of the bank's net
// tier 1 capital, and what it lends jointly with all partners 50% of all
// its loans. The partner here is the platform: the 30% is the platform's
// own money in each loan. The People's Bank of China and the CBIRC's draft
// 《网络小额贷款业务管理暂行办法（征求意见稿）》 (Interim Measures for the
// Administration of Online Microlending Business, draft for comment, 2
// November 2020) asks the same of an online microlender: in a single joint
// loan its share may not be below 30% (在单笔联合贷款中，经营网络小额贷款业务的
// 小额贷款公司的出资比例不得低于30%). The 25% and 50% are limits on a
// bank's whole book, not on a plan, and are not checked here.
//
// # The split
//
// The journal is not changed: a Ledger derives the funders' books from a
// line's facts as Engine.Events hands them out, and a funder's part of an
// account is "funder:<id>:<account>" (Account). Every account of the
// postings is split, principal (holder, merchant:<id>, cash, conversion),
// income (interest, fees, penalties, recoveries) and losses (charge-offs,
// write-offs), except merchant fees, which are the platform's alone. Each
// funder's balance of an account is its share of the account's balance by
// the largest-remainder method, ties to the funder listed first, so it
// never drifts from its share by a minor unit or more however many facts
// the line has; each fact's split postings sum, account by account, to
// its postings; and a funder's rounding account keeps its own postings of
// each fact summing to zero (see Ledger).
//
// Worked numbers, a plan of 30% platform and 70% bank: a CNY 10,000.00
// purchase is CNY 3,000.00 and 7,000.00 of principal; 12 monthly fees of
// CNY 50.00 (0.5% a period) are CNY 15.00 and 35.00 each, CNY 180.00 and
// 420.00 in all; a first payment of CNY 883.33 is CNY 265.00 and 618.33
// (30% of it is 264.999, 70% 618.331: each rounded toward zero leaves a
// fen, which goes to the larger dropped fraction, the platform's .9); a
// charge-off of CNY 1,000.00 is CNY 300.00 and 700.00 of loss, and a
// recovery of CNY 333.33 after it CNY 100.00 and 233.33 (the charged-off
// balance falls from 1,000.00 to 666.67, which splits 200.00 and 466.67).
//
// # Why derived, not journaled
//
// The split is a pure function of a line's facts and its plan, so the
// facts need not carry it: existing journals work as they are, the
// journal's format and size do not change, a replay stays what it was,
// and a plan's split can be checked against the facts at any time. The
// price is that the host keeps which plan funds which line, as it keeps
// the funding agreement itself, and builds a line's Ledger from its first
// fact. A plan is for the whole line: a change of funders applies to new
// lines. Plans per purchase are not offered: a payment pays the line's
// debts in the product's allocation order, and the postings do not say
// which purchase each fen paid.
//
// # The funders' view
//
// Report folds lines and their ledgers into a Portfolio with a View per
// funder: outstanding, income by kind, past due by bucket (credit.Report's
// own aging, each installment by its own due date), charged-off balances,
// losses and recoveries. Across funders every amount sums exactly to the
// figure credit.Report gives for the same lines, or to the lines'
// postings.
package funding
