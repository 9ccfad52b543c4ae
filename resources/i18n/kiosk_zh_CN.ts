<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AdminScreen</name>
    <message>
        <location filename="../../kiosk/ui/admin/admin_screen.py" line="165"/>
        <source>Staff admin</source>
        <translation>工作人员管理</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/admin_screen.py" line="170"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/admin_screen.py" line="173"/>
        <source>Health</source>
        <translation>运行状态</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="105"/>
        <source>Attention</source>
        <translation>待处理</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/admin_screen.py" line="175"/>
        <source>Reprint</source>
        <translation>补打</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/admin_screen.py" line="176"/>
        <source>Tools</source>
        <translation>工具</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/admin_screen.py" line="177"/>
        <source>Recent</source>
        <translation>最近交易</translation>
    </message>
</context>
<context>
    <name>AttentionSection</name>
    <message>
        <location filename="../../kiosk/ui/admin/attention_section.py" line="130"/>
        <source>No answer recorded for: %1</source>
        <translation>以下操作未收到结果：%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/attention_section.py" line="150"/>
        <source>Ticket %1 is in the tray</source>
        <translation>票 %1 已在出票口</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="109"/>
        <source>Print outstanding tickets</source>
        <translation>打印未出的票</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/attention_section.py" line="46"/>
        <source>Reference (pickup code): %1</source>
        <translation>查询码（取票码）：%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/attention_section.py" line="49"/>
        <source>Transaction: %1</source>
        <translation>交易号：%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/attention_section.py" line="52"/>
        <source>Reference (transaction): %1</source>
        <translation>查询码（交易号）：%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/attention_section.py" line="143"/>
        <source>Booking %1: %2 ticket(s) printed; in doubt: %3</source>
        <translation>订单 %1：已出票 %2 张；不确定是否出票：%3</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/attention_section.py" line="226"/>
        <source>Recovery ran; %1 transaction(s) still open.</source>
        <translation>恢复已执行；仍有 %1 笔交易未完成。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/attention_section.py" line="252"/>
        <source>Booking %1: all %2 tickets printed and confirmed.</source>
        <translation>订单 %1：%2 张票已全部打印并确认。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/attention_section.py" line="266"/>
        <source>Run recovery again</source>
        <translation>再次执行恢复</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/attention_section.py" line="268"/>
        <source>Reason for printing outstanding tickets (required):</source>
        <translation>打印未出票的原因（必填）：</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/attention_section.py" line="270"/>
        <source>Nothing needs attention.</source>
        <translation>没有需要处理的交易。</translation>
    </message>
</context>
<context>
    <name>Availability</name>
    <message>
        <location filename="../../kiosk/ui/availability_words.py" line="18"/>
        <source>Out of ticket paper: please ask a member of staff</source>
        <translation>打印纸已用完，请联系工作人员</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/availability_words.py" line="21"/>
        <source>The ticket printer is open: please ask a member of staff</source>
        <translation>打印机盖未关好，请联系工作人员</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/availability_words.py" line="24"/>
        <source>The ticket printer is not working: please ask a member of staff</source>
        <translation>取票机打印故障，请联系工作人员</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/availability_words.py" line="27"/>
        <source>The cinema system cannot be reached: please try again soon or go to the service desk</source>
        <translation>暂时无法连接影院系统，请稍后再试或到服务台办理</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/availability_words.py" line="31"/>
        <source>Ticket collection is not available right now: please try again soon or go to the service desk</source>
        <translation>取票服务暂时无法使用，请稍后再试或到服务台取票</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/availability_words.py" line="36"/>
        <source>Payment is not available right now: please try again soon or buy at the service desk</source>
        <translation>支付服务暂时无法使用，请稍后再试或到服务台购票</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/availability_words.py" line="40"/>
        <source>This kiosk cannot record sales right now: please ask a member of staff</source>
        <translation>本机暂时无法记录交易，请联系工作人员</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/availability_words.py" line="43"/>
        <source>This kiosk&apos;s sales record needs checking: please ask a member of staff</source>
        <translation>本机交易记录需要核查，请联系工作人员</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/availability_words.py" line="46"/>
        <source>This kiosk is closed for now: please go to the service desk</source>
        <translation>本机暂停使用，请到服务台办理</translation>
    </message>
</context>
<context>
    <name>BusyOverlay</name>
    <message>
        <location filename="../../kiosk/ui/widgets/busy.py" line="44"/>
        <source>Getting ready, one moment please…</source>
        <translation>正在准备，请稍候……</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/busy.py" line="165"/>
        <source>Start over</source>
        <translation>重新开始</translation>
    </message>
</context>
<context>
    <name>CodeWait</name>
    <message>
        <location filename="../../kiosk/ui/screens/code_wait.py" line="30"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/code_wait.py" line="67"/>
        <source>Try again in %1</source>
        <translation>%1后可再试</translation>
    </message>
</context>
<context>
    <name>CollectEntryScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/collect_entry.py" line="178"/>
        <source>That code is too short. Please enter the whole code.</source>
        <translation>取票码位数不够，请输入完整的取票码。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/collect_entry.py" line="181"/>
        <source>We could not find this code. Check it against your message and try again.</source>
        <translation>没有找到这个取票码。请对照购票短信核对后重新输入。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/collect_entry.py" line="185"/>
        <source>The tickets for this code were already printed. Please ask at the counter.</source>
        <translation>这个取票码的票已经取过了。如有疑问，请到服务台咨询。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/collect_entry.py" line="189"/>
        <source>This booking was cancelled or refunded, so there is nothing to print.</source>
        <translation>该订单已取消或已退款，没有可打印的电影票。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/collect_entry.py" line="197"/>
        <source>This kiosk is not taking pickup codes for a while. Please ask at the counter.</source>
        <translation>本机暂停凭取票码取票，请到服务台取票。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/collect_entry.py" line="201"/>
        <source>We can&apos;t check codes online now: add the booking number from your message.</source>
        <translation>暂时无法联网核对取票码，请同时输入取票短信中的订单号。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/collect_entry.py" line="214"/>
        <source>Code not found: check it against your message. 1 try left, then a %2 wait.</source>
        <translation>没有找到这个取票码，请核对购票短信。还可再试 1 次，之后需等待 %2。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/collect_entry.py" line="219"/>
        <source>Code not found: check it against your message. %1 tries left, then a %2 wait.</source>
        <translation>没有找到这个取票码，请核对购票短信。还可再试 %1 次，之后需等待 %2。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/collect_entry.py" line="240"/>
        <source>Booking number</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/collect_entry.py" line="232"/>
        <source>Collect tickets</source>
        <translation>取票</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/collect_entry.py" line="193"/>
        <source>Too many wrong codes. Please wait %1, or ask at the counter.</source>
        <translation>输错次数过多，请等待 %1后再试，或到服务台咨询。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/collect_entry.py" line="234"/>
        <source>Type your pickup code, or hold its QR code under the scanner.</source>
        <translation>请在下方输入取票码，或将取票二维码对准扫描口。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/collect_entry.py" line="239"/>
        <source>Pickup code</source>
        <translation>取票码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/collect_entry.py" line="242"/>
        <source>Find my tickets ›</source>
        <translation>查询我的票 ›</translation>
    </message>
</context>
<context>
    <name>CollectReviewScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/collect_review.py" line="75"/>
        <source>Your tickets</source>
        <translation>您的电影票</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/collect_review.py" line="76"/>
        <source>Print my tickets</source>
        <translation>打印电影票</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/collect_review.py" line="92"/>
        <source>%1 tickets will be printed. Is this right?</source>
        <translation>将打印 %1 张电影票，请确认信息无误。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/collect_review.py" line="81"/>
        <source>This booking has %1 tickets. They print once your code is checked.</source>
        <translation>本订单共 %1 张电影票，核对取票码后即出票。</translation>
    </message>
</context>
<context>
    <name>DoneScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/done.py" line="64"/>
        <source>Please take your tickets</source>
        <translation>请取走您的电影票</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/done.py" line="66"/>
        <source>They are in the slot below the screen. Enjoy the film!</source>
        <translation>电影票在屏幕下方的出票口。祝您观影愉快！</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/done.py" line="68"/>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/done.py" line="72"/>
        <source>If a ticket is missing, show this pickup code at the counter:</source>
        <translation>如有电影票未打印出来，请凭以下取票码到服务台领取：</translation>
    </message>
</context>
<context>
    <name>ErrorScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/error.py" line="39"/>
        <source>This show can no longer be booked here</source>
        <translation>该场次已无法在本机购买</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/error.py" line="83"/>
        <source>Something went wrong</source>
        <translation>出现了问题</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/error.py" line="33"/>
        <source>The kiosk cannot reach the cinema system; nothing was charged</source>
        <translation>暂时无法连接影院系统，未扣款</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/error.py" line="36"/>
        <source>Please try again in a minute, or buy at the service desk.</source>
        <translation>请稍后再试，或到服务台购票。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/error.py" line="40"/>
        <source>It may be about to start or sold out: please choose another time.</source>
        <translation>该场次可能即将开场或已售罄，请选择其他场次。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/error.py" line="46"/>
        <source>The time to pay ran out; your seats were released and nothing was charged</source>
        <translation>支付超时，座位已释放，未扣款</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/error.py" line="50"/>
        <source>Please start again to choose your seats.</source>
        <translation>请重新选座购票。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/error.py" line="53"/>
        <source>The payment did not go through; nothing was charged</source>
        <translation>支付未成功，未扣款</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/error.py" line="54"/>
        <source>Please try again, or pay at the service desk.</source>
        <translation>请重试，或到服务台购票。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/error.py" line="57"/>
        <source>We could not issue your tickets; your payment is being refunded</source>
        <translation>未能为您出票，款项将原路退回</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/error.py" line="60"/>
        <location filename="../../kiosk/ui/screens/error.py" line="212"/>
        <source>If you need help, show the reference at the service desk.</source>
        <translation>如需帮助，请凭查询码到服务台咨询。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/error.py" line="63"/>
        <source>The ticket printer is out of paper; your booking is safe</source>
        <translation>取票机缺纸，您的订单已保存</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/error.py" line="64"/>
        <location filename="../../kiosk/ui/screens/error.py" line="70"/>
        <source>Please show the reference at the service desk for your tickets.</source>
        <translation>请凭查询码到服务台取票。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/error.py" line="69"/>
        <source>The ticket printer is not working; your booking is safe</source>
        <translation>取票机打印故障，您的订单已保存</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/error.py" line="75"/>
        <source>The ticket printer cannot print right now; nothing was charged and your seats were released</source>
        <translation>取票机暂时无法出票，未扣款，座位已释放</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/error.py" line="80"/>
        <source>Please buy your tickets at the service desk.</source>
        <translation>请到服务台购票。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/error.py" line="84"/>
        <source>Please start again, and if it happens again show the reference at the service desk.</source>
        <translation>请重新开始；如再次出现，请凭查询码到服务台咨询。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/error.py" line="216"/>
        <source>If you need help, please ask at the service desk.</source>
        <translation>如需帮助，请到服务台找工作人员。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/error.py" line="219"/>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/error.py" line="220"/>
        <source>Back to start</source>
        <translation>返回首页</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="30"/>
        <source>The ticketing system (VISTA Connect) reported a problem</source>
        <comment>connect.failed</comment>
        <translation>售票系统（VISTA Connect）出现问题</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="33"/>
        <source>The kiosk could not send this request to the ticketing system</source>
        <comment>connect.request_invalid</comment>
        <translation>本机无法向售票系统发送该请求</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="38"/>
        <source>The ticketing system did not answer in time</source>
        <comment>connect.timeout</comment>
        <translation>售票系统未及时应答</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="41"/>
        <source>The ticketing system cannot be reached</source>
        <comment>connect.unreachable</comment>
        <translation>无法连接售票系统</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="44"/>
        <source>The ticketing system sent an answer the kiosk cannot read</source>
        <comment>connect.protocol</comment>
        <translation>售票系统的应答无法识别</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="49"/>
        <source>The ticketing system refused the kiosk&apos;s token; check the settings</source>
        <comment>connect.auth</comment>
        <translation>售票系统拒绝了本机的令牌，请检查设置</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="54"/>
        <source>The ticketing system refused the request (result code %1)</source>
        <comment>connect.refused</comment>
        <translation>售票系统拒绝了该请求（结果代码 %1）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="57"/>
        <source>The ticketing system cannot reach the cinema&apos;s own system</source>
        <comment>connect.cinema_unreachable</comment>
        <translation>售票系统无法连接影院系统</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="62"/>
        <source>The ticketing system has no such booking</source>
        <comment>connect.booking_not_found</comment>
        <translation>售票系统中没有该订单</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="65"/>
        <source>The payment service reported a problem</source>
        <comment>payment.failed</comment>
        <translation>支付服务出现问题</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="68"/>
        <source>The payment service did not answer in time</source>
        <comment>payment.timeout</comment>
        <translation>支付服务未及时应答</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="71"/>
        <source>The payment service cannot be reached</source>
        <comment>payment.unreachable</comment>
        <translation>无法连接支付服务</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="74"/>
        <source>The payment service sent an answer the kiosk cannot read</source>
        <comment>payment.protocol</comment>
        <translation>支付服务的应答无法识别</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="77"/>
        <source>The payment service refused the request (%1)</source>
        <comment>payment.rejected</comment>
        <translation>支付服务拒绝了该请求（%1）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="80"/>
        <source>Ticket collection has a problem; please ask at the counter</source>
        <comment>sarft.failed</comment>
        <translation>取票服务出现问题，请到服务台办理</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="85"/>
        <source>This booking cannot be collected here; please ask at the counter</source>
        <comment>sarft.value</comment>
        <translation>该订单无法在本机取票，请到服务台办理</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="90"/>
        <source>The cinema system cannot be reached right now; please try again</source>
        <comment>sarft.unreachable</comment>
        <translation>影院系统暂时无法连接，请稍后再试</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="95"/>
        <source>The cinema system did not answer; please try again</source>
        <comment>sarft.timeout</comment>
        <translation>影院系统无响应，请稍后再试</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="100"/>
        <source>The connection to the cinema system was lost; please try again</source>
        <comment>sarft.connection_lost</comment>
        <translation>与影院系统的连接中断，请稍后再试</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="105"/>
        <source>The cinema system sent an answer we cannot read; please ask at the counter</source>
        <comment>sarft.protocol</comment>
        <translation>影院系统的应答无法识别，请到服务台办理</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="110"/>
        <source>Checking the state of your tickets, please wait</source>
        <comment>sarft.outcome_unknown</comment>
        <translation>正在确认出票状态，请稍候</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="115"/>
        <source>The cinema system could not issue these tickets; please ask at the service desk (reference code %1)</source>
        <comment>sarft.refused</comment>
        <translation>影院系统暂时无法出票，请到服务台办理（查询码 %1）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="121"/>
        <source>These tickets have already been collected</source>
        <comment>sarft.already_printed</comment>
        <translation>已取票</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="126"/>
        <source>The cinema system reported an error; please ask at the counter</source>
        <comment>sarft.unknown_error</comment>
        <translation>影院系统出错，请到服务台办理</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="131"/>
        <source>No booking was found; please check and try again</source>
        <comment>sarft.not_found</comment>
        <translation>未找到该订单，请核对后重试</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="136"/>
        <source>The collection code is not correct</source>
        <comment>sarft.verify_code_mismatch</comment>
        <translation>取票码不正确</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="141"/>
        <source>This booking has been refunded or cancelled</source>
        <comment>sarft.refunded</comment>
        <translation>该订单已退票或取消</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="146"/>
        <source>Ticket collection is unavailable right now; please ask at the counter</source>
        <comment>sarft.not_authenticated</comment>
        <translation>取票服务暂不可用，请到服务台办理</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="151"/>
        <source>Ticket collection is unavailable right now; please ask at the counter</source>
        <comment>sarft.bad_credentials</comment>
        <translation>取票服务暂不可用，请到服务台办理</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="156"/>
        <source>This show has ended; its tickets can no longer be collected</source>
        <comment>sarft.show_ended</comment>
        <translation>该场次已结束，无法取票</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="161"/>
        <source>Printing was not started properly; please ask at the counter</source>
        <comment>sarft.not_applied</comment>
        <translation>出票未完成，请到服务台办理</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="166"/>
        <source>The tickets cannot be collected here; please ask at the counter</source>
        <comment>collect.failed</comment>
        <translation>无法取票，请到服务台办理</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="171"/>
        <source>A pickup code is %1 to %2 letters or digits; please check it</source>
        <comment>collect.malformed_code</comment>
        <translation>取票码应为 %1-%2 位字母或数字，请核对后重新输入</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="176"/>
        <source>A booking number is 1 to %1 digits; please check it</source>
        <comment>collect.malformed_number</comment>
        <translation>订单号应为 1-%1 位数字，请核对后重新输入</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="181"/>
        <source>Too many wrong codes; try again in %1 s or ask staff</source>
        <comment>collect.keypad_locked</comment>
        <translation>输入错误次数过多，请 %1 秒后再试，或联系工作人员</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="186"/>
        <source>Collecting by code is paused on this kiosk; please ask at the counter, or try again in %1 min</source>
        <comment>collect.keypad_paused</comment>
        <translation>本机暂停凭取票码取票，请到服务台取票，或 %1 分钟后再试</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="192"/>
        <source>Please wait %1 s before trying again</source>
        <comment>collect.keypad_wait</comment>
        <translation>请 %1 秒后再试</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="197"/>
        <source>The pickup code or booking number is not correct; please check it</source>
        <comment>collect.wrong_code</comment>
        <translation>取票码或订单号不正确，请核对后重新输入</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="202"/>
        <source>The tickets of this booking have already been collected</source>
        <comment>collect.already_collected</comment>
        <translation>该订单的票已取出</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="207"/>
        <source>This booking was refunded or cancelled; there are no tickets to collect</source>
        <comment>collect.refunded</comment>
        <translation>该订单已退票或取消，无法取票</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="212"/>
        <source>This show has ended; its tickets can no longer be collected</source>
        <comment>collect.show_ended</comment>
        <translation>该场次已结束，无法取票</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="217"/>
        <source>The cinema system has no such booking; please ask at the counter</source>
        <comment>collect.booking_not_found</comment>
        <translation>影院系统中未找到该订单，请到服务台办理</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="222"/>
        <source>The cinema system cannot be reached right now; try again or ask staff</source>
        <comment>collect.unavailable</comment>
        <translation>影院系统暂时无法连接，请稍后再试或联系工作人员</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="227"/>
        <source>The code cannot be checked online right now; please also enter the booking number from your ticket message</source>
        <comment>collect.number_needed</comment>
        <translation>暂时无法联网核对取票码，请同时输入取票短信中的订单号（取票序号）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="233"/>
        <source>Some tickets of this booking were already printed here; please ask staff</source>
        <comment>collect.needs_staff</comment>
        <translation>该订单的部分票已出，请联系工作人员处理</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="238"/>
        <source>The printer is not ready; staff have been told. Try later or ask at the counter</source>
        <comment>collect.printer_not_ready</comment>
        <translation>打印机暂不可用，已通知工作人员，请稍后再试或到服务台取票</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="243"/>
        <source>This booking&apos;s ticket details are incomplete; please ask at the counter</source>
        <comment>collect.cannot_print</comment>
        <translation>该订单的票面信息不完整，本机无法出票，请到服务台办理</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="248"/>
        <source>%1 of %2 tickets printed; please ask staff for the rest</source>
        <comment>collect.partial_print</comment>
        <translation>已出票 %1 张（共 %2 张），请联系工作人员补打其余的票</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="253"/>
        <source>This booking has no tickets waiting to be printed</source>
        <comment>reprint.nothing_outstanding</comment>
        <translation>该订单没有待补打的票</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="258"/>
        <source>This ticket was never printed on this kiosk, so it cannot be reprinted</source>
        <comment>reprint.not_printed_here</comment>
        <translation>该票未在本机出过，不能补打</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="263"/>
        <source>The reprint did not come out; check the printer</source>
        <comment>reprint.failed</comment>
        <translation>补打未完成，请检查打印机</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="268"/>
        <source>The purchase failed. Please try again.</source>
        <comment>purchase.failed</comment>
        <translation>购票失败，请重试。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="271"/>
        <source>Those seats or tickets cannot be chosen together. Please choose again.</source>
        <comment>purchase.invalid_selection</comment>
        <translation>所选座位或票类无效，请重新选择。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="276"/>
        <source>Those seats have just been taken. Please choose other seats.</source>
        <comment>purchase.seats_taken</comment>
        <translation>所选座位已被占用，请重新选座。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="281"/>
        <source>Tickets for this show are no longer on sale.</source>
        <comment>purchase.sales_closed</comment>
        <translation>该场次已停止售票。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="284"/>
        <source>Ticket prices have changed. Please choose your tickets again.</source>
        <comment>purchase.price_changed</comment>
        <translation>票价已更新，请重新选择票类。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="289"/>
        <source>The ticketing system cannot be reached. Please try later. You were not charged.</source>
        <comment>purchase.unavailable</comment>
        <translation>系统暂时无法连接，请稍后再试。未扣款。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="294"/>
        <source>The payment could not be started and the seats were released. No charge.</source>
        <comment>purchase.payment_declined</comment>
        <translation>支付无法发起，座位已释放。未扣款。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="299"/>
        <source>The ticket printer cannot print right now. Nothing was charged; the seats were released.</source>
        <comment>purchase.printer_unavailable</comment>
        <translation>取票机暂时无法出票，本次未扣款，座位已释放。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="305"/>
        <source>Time for payment ran out and the seats were released. Any charge is refunded.</source>
        <comment>purchase.payment_timed_out</comment>
        <translation>支付超时，座位已释放。如已扣款将原路退回。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="310"/>
        <source>The payment was closed and the seats were released.</source>
        <comment>purchase.payment_closed</comment>
        <translation>支付已关闭，座位已释放。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="315"/>
        <source>That is not a WeChat Pay or Alipay payment code. Please show the code in the app.</source>
        <comment>purchase.payment_code_invalid</comment>
        <translation>无法识别该付款码，请出示微信或支付宝的付款码。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="320"/>
        <source>This kiosk does not take that payment code. Please scan the QR code on screen.</source>
        <comment>purchase.payment_code_not_accepted</comment>
        <translation>本机暂不支持该付款码，请扫描屏幕上的二维码支付。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="325"/>
        <source>A payment code is already being charged. Please confirm on your phone.</source>
        <comment>purchase.payment_code_busy</comment>
        <translation>正在处理付款码，请在手机上确认。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="330"/>
        <source>The payment code was not charged. Please show a new code or scan the QR code.</source>
        <comment>purchase.payment_code_declined</comment>
        <translation>付款码支付未成功，未扣款。请重新出示付款码或扫描二维码支付。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="335"/>
        <source>The purchase was cancelled. Any charge is refunded.</source>
        <comment>purchase.cancelled</comment>
        <translation>已取消购票。如已扣款将原路退回。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="338"/>
        <source>Your tickets are being issued; this can no longer be cancelled.</source>
        <comment>purchase.too_late_to_cancel</comment>
        <translation>正在出票，无法取消。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="343"/>
        <source>The tickets could not be issued. Your payment has been refunded.</source>
        <comment>purchase.tickets_not_issued</comment>
        <translation>出票失败，款项已原路退回。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="348"/>
        <source>This purchase needs staff. Please show the transaction number to staff.</source>
        <comment>purchase.needs_staff</comment>
        <translation>交易需人工处理，请凭交易号联系工作人员。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/error_words.py" line="353"/>
        <source>The tickets could not be issued. Your refund is being processed; please keep the transaction number and ask staff if needed.</source>
        <comment>purchase.refund_pending</comment>
        <translation>出票失败，退款正在处理中，请保留交易号，如有疑问请联系工作人员。</translation>
    </message>
</context>
<context>
    <name>FilmsScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/films.py" line="62"/>
        <location filename="../../kiosk/ui/screens/films.py" line="117"/>
        <source>Next: %1</source>
        <translation>近期场次：%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/films.py" line="64"/>
        <source>No more shows on sale</source>
        <translation>暂无可售场次</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/films.py" line="147"/>
        <source>Choose a film</source>
        <translation>选择影片</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/films.py" line="149"/>
        <source>No more films today. Please ask at the counter.</source>
        <translation>今日已无可售影片，请到服务台咨询。</translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message>
        <location filename="../../kiosk/ui/formatting.py" line="42"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/formatting.py" line="42"/>
        <source>Tomorrow</source>
        <translation>明天</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/formatting.py" line="47"/>
        <source>%1, %2 %3</source>
        <comment>today or tomorrow, month, day</comment>
        <translation>%1 %2%3日</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/formatting.py" line="58"/>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/formatting.py" line="59"/>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/formatting.py" line="60"/>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/formatting.py" line="61"/>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/formatting.py" line="62"/>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/formatting.py" line="63"/>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/formatting.py" line="64"/>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/formatting.py" line="79"/>
        <source>Jan</source>
        <comment>month</comment>
        <translation>1月</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/formatting.py" line="80"/>
        <source>Feb</source>
        <comment>month</comment>
        <translation>2月</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/formatting.py" line="81"/>
        <source>Mar</source>
        <comment>month</comment>
        <translation>3月</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/formatting.py" line="82"/>
        <source>Apr</source>
        <comment>month</comment>
        <translation>4月</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/formatting.py" line="83"/>
        <source>May</source>
        <comment>month</comment>
        <translation>5月</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/formatting.py" line="84"/>
        <source>Jun</source>
        <comment>month</comment>
        <translation>6月</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/formatting.py" line="85"/>
        <source>Jul</source>
        <comment>month</comment>
        <translation>7月</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/formatting.py" line="86"/>
        <source>Aug</source>
        <comment>month</comment>
        <translation>8月</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/formatting.py" line="87"/>
        <source>Sep</source>
        <comment>month</comment>
        <translation>9月</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/formatting.py" line="88"/>
        <source>Oct</source>
        <comment>month</comment>
        <translation>10月</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/formatting.py" line="89"/>
        <source>Nov</source>
        <comment>month</comment>
        <translation>11月</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/formatting.py" line="90"/>
        <source>Dec</source>
        <comment>month</comment>
        <translation>12月</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/formatting.py" line="68"/>
        <source>%1, %2 %3</source>
        <comment>weekday, month, day</comment>
        <translation>%1 %2%3日</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/formatting.py" line="121"/>
        <source>Row %1 Seat %2</source>
        <translation>%1排%2座</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/formatting.py" line="125"/>
        <source>%1 min</source>
        <translation>%1分钟</translation>
    </message>
</context>
<context>
    <name>Header</name>
    <message>
        <location filename="../../kiosk/ui/widgets/header.py" line="62"/>
        <source>‹ Back</source>
        <translation>‹ 返回</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/header.py" line="63"/>
        <source>Start over</source>
        <translation>重新开始</translation>
    </message>
</context>
<context>
    <name>HealthSection</name>
    <message>
        <location filename="../../kiosk/ui/admin/health_section.py" line="37"/>
        <source>Cinema system (VISTA Connect)</source>
        <translation>影院系统（VISTA Connect）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/health_section.py" line="38"/>
        <source>Ticket collection service (SARFT)</source>
        <translation>本地取票服务（SARFT）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/health_section.py" line="39"/>
        <source>Payment</source>
        <translation>支付</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/health_section.py" line="40"/>
        <source>Ticket printer</source>
        <translation>出票打印机</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/health_section.py" line="62"/>
        <source>Working</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/health_section.py" line="63"/>
        <source>Needs attention</source>
        <translation>需注意</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/health_section.py" line="64"/>
        <source>Not working</source>
        <translation>故障</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/health_section.py" line="70"/>
        <source>Paper: unknown</source>
        <translation>纸量：未知</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/health_section.py" line="72"/>
        <source>Paper: out</source>
        <translation>纸量：已用完</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/health_section.py" line="74"/>
        <source>Paper: near end</source>
        <translation>纸量：即将用完</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/health_section.py" line="75"/>
        <source>Paper: OK</source>
        <translation>纸量：正常</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/health_section.py" line="138"/>
        <source>Daily reconciliation</source>
        <translation>每日对账</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/health_section.py" line="172"/>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/health_section.py" line="176"/>
        <source>Check again</source>
        <translation>重新检查</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/home.py" line="123"/>
        <source>Welcome! Touch a button to start.</source>
        <translation>欢迎光临！请点击下方按钮开始。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/home.py" line="127"/>
        <source>Buy tickets</source>
        <translation>购票</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/home.py" line="128"/>
        <source>Choose a film, a time and your seats</source>
        <translation>选影片、选场次、选座位</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/home.py" line="133"/>
        <source>Collect tickets</source>
        <translation>取票</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/home.py" line="134"/>
        <source>Bought online? Enter or scan your pickup code</source>
        <translation>网上已购票？输入或扫描取票码</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <location filename="../../kiosk/ui/widgets/keypad.py" line="187"/>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/keypad.py" line="188"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>OutOfServiceScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/out_of_service.py" line="97"/>
        <source>Out of service</source>
        <translation>暂停服务</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/out_of_service.py" line="102"/>
        <source>You can buy and collect tickets at the service desk.</source>
        <translation>请到服务台购票或取票。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/out_of_service.py" line="105"/>
        <source>This kiosk opens again by itself as soon as it can.</source>
        <translation>本机恢复后会自动重新开放。</translation>
    </message>
</context>
<context>
    <name>PaymentScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="140"/>
        <source>Cancel this order? Your seats will be released.</source>
        <translation>确定取消订单吗？座位将被释放。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="142"/>
        <source>Yes, cancel</source>
        <translation>确定取消</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="143"/>
        <source>Keep paying</source>
        <translation>继续支付</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="148"/>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="149"/>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="392"/>
        <source>Please confirm on your phone</source>
        <translation>请在手机上确认</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="394"/>
        <source>Taking the payment…</source>
        <translation>正在付款，请稍候…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="404"/>
        <source>That is not a WeChat Pay or Alipay payment code. Show the payment code in your wallet, or scan a QR code.</source>
        <translation>这不是微信或支付宝的付款码。请出示钱包里的付款码，或扫描二维码。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="409"/>
        <source>This kiosk does not take that wallet. Please scan a QR code instead.</source>
        <translation>本机不支持该付款方式，请扫描二维码支付。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="413"/>
        <source>A payment code is being taken. Please wait a moment.</source>
        <translation>正在处理付款码，请稍候。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="416"/>
        <source>The payment code was not accepted and nothing was taken. Try again, or scan a QR code.</source>
        <translation>付款码未能支付，未扣款。请重试，或扫描二维码。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="421"/>
        <source>The payment was not confirmed in time, so nothing was taken. Try again, or scan a QR code.</source>
        <translation>未及时在手机上确认，未扣款。请重试，或扫描二维码。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="434"/>
        <source>Scan to pay</source>
        <translation>请扫码支付</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="436"/>
        <source>Amount to pay</source>
        <translation>应付金额</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="454"/>
        <source>Open WeChat or Alipay on your phone and scan the code. Your tickets print as soon as the payment arrives.</source>
        <translation>请打开手机微信或支付宝扫描二维码。支付成功后将自动出票。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="461"/>
        <source>Code valid for</source>
        <translation>二维码有效时间</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="463"/>
        <source>Or hold your phone&apos;s payment code under the scanner</source>
        <translation>或将手机付款码对准扫描器</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="465"/>
        <source>Payment code</source>
        <translation>付款码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="467"/>
        <source>Cancel payment</source>
        <translation>取消支付</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="432"/>
        <location filename="../../kiosk/ui/screens/payment.py" line="469"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="471"/>
        <source>Your payment is being refunded to your phone. Your seats have been released.</source>
        <translation>款项正在原路退回，座位已释放。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/payment.py" line="476"/>
        <source>Nothing was charged. Your seats have been released.</source>
        <translation>未扣款，座位已释放。</translation>
    </message>
</context>
<context>
    <name>PinScreen</name>
    <message>
        <location filename="../../kiosk/ui/admin/pin_dialog.py" line="210"/>
        <source>Too many wrong PINs. The admin screen is locked for %1.</source>
        <translation>密码错误次数过多，管理界面已锁定，剩余 %1。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/pin_dialog.py" line="220"/>
        <source>No admin PIN is set on this kiosk. Set one with: kiosk admin-pin</source>
        <translation>本机未设置管理密码，请用 kiosk admin-pin 命令设置。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/pin_dialog.py" line="228"/>
        <source>Wrong PIN (%1 of %2 tries).</source>
        <translation>密码错误（第 %1 次，共 %2 次机会）。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/pin_dialog.py" line="238"/>
        <source>Staff PIN</source>
        <translation>工作人员密码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/pin_dialog.py" line="239"/>
        <source>Enter PIN</source>
        <translation>输入密码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/pin_dialog.py" line="240"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/pin_dialog.py" line="241"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/pin_dialog.py" line="242"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/pin_dialog.py" line="243"/>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
</context>
<context>
    <name>PrintStoppedScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/print_stopped.py" line="149"/>
        <source>Printing stopped: %1 of %2 tickets came out</source>
        <translation>出票中断：共 %2 张票，已出 %1 张</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/print_stopped.py" line="154"/>
        <location filename="../../kiosk/ui/screens/print_stopped.py" line="160"/>
        <source>%1</source>
        <comment>a number of tickets</comment>
        <translation>%1 张</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/print_stopped.py" line="158"/>
        <source>came out</source>
        <translation>已出票</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/print_stopped.py" line="164"/>
        <source>did not come out</source>
        <translation>未出票</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/print_stopped.py" line="166"/>
        <source>%1 of those may have come out only in part: if you find one in the slot, please hand it to staff too.</source>
        <translation>其中 %1 张可能只打印了一部分：如在出票口发现，请一并交给工作人员。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/print_stopped.py" line="174"/>
        <source>Please take the tickets that came out, and show the reference at the service desk for the rest.</source>
        <translation>请取走已出的票，其余的票请凭查询码到服务台领取。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/print_stopped.py" line="180"/>
        <source>Please show the reference at the service desk for your tickets.</source>
        <translation>请凭查询码到服务台取票。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/print_stopped.py" line="189"/>
        <source>You may photograph this screen to keep it.</source>
        <translation>可用手机拍下此页面留存。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/print_stopped.py" line="192"/>
        <source>For staff: %1</source>
        <translation>工作人员操作：%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/print_stopped.py" line="196"/>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>ProgressScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/progress.py" line="56"/>
        <source>Confirming your payment</source>
        <translation>正在确认支付结果</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/progress.py" line="57"/>
        <source>Booking your seats</source>
        <translation>正在为您锁定座位</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/progress.py" line="58"/>
        <source>Finding your tickets</source>
        <translation>正在查询您的电影票</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/progress.py" line="59"/>
        <source>Printing your tickets</source>
        <translation>正在打印电影票</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/progress.py" line="64"/>
        <source>Ticket %1 of %2</source>
        <translation>第 %1 张，共 %2 张</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/progress.py" line="71"/>
        <source>This takes a few seconds.</source>
        <translation>请稍候，只需几秒钟。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/progress.py" line="74"/>
        <source>Please stay here until your tickets are printed.</source>
        <translation>出票完成前请不要离开。</translation>
    </message>
</context>
<context>
    <name>ReasonPicker</name>
    <message>
        <location filename="../../kiosk/ui/admin/reason.py" line="34"/>
        <source>Paper ran out</source>
        <translation>缺纸</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reason.py" line="35"/>
        <source>Ticket jammed</source>
        <translation>卡纸</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reason.py" line="36"/>
        <source>Ticket damaged</source>
        <translation>票面损坏</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reason.py" line="37"/>
        <source>Printer fault</source>
        <translation>打印机故障</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reason.py" line="117"/>
        <source>Or type another reason</source>
        <translation>或输入其他原因</translation>
    </message>
</context>
<context>
    <name>RecentSection</name>
    <message>
        <location filename="../../kiosk/ui/admin/recent_section.py" line="62"/>
        <source>Reload</source>
        <translation>重新载入</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/recent_section.py" line="63"/>
        <source>No transactions yet.</source>
        <translation>还没有交易记录。</translation>
    </message>
</context>
<context>
    <name>ReprintSection</name>
    <message>
        <location filename="../../kiosk/ui/admin/reprint_section.py" line="67"/>
        <source>Ticket %1 · printed %2</source>
        <translation>票 %1 · 出票时间 %2</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reprint_section.py" line="72"/>
        <source>%1 copy(ies) already</source>
        <translation>已补打 %1 次</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reprint_section.py" line="76"/>
        <source>Reprint</source>
        <translation>补打</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reprint_section.py" line="177"/>
        <source>No printed tickets found.</source>
        <translation>没有找到已出的票。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reprint_section.py" line="178"/>
        <source>%1 printed ticket(s) found.</source>
        <translation>找到 %1 张已出的票。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reprint_section.py" line="197"/>
        <source>A REPRINT copy of ticket %1 was printed.</source>
        <translation>票 %1 的补打票（REPRINT）已打印。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reprint_section.py" line="209"/>
        <source>Code or booking no.</source>
        <translation>取票码或订单号</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reprint_section.py" line="210"/>
        <source>Search</source>
        <translation>查找</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reprint_section.py" line="211"/>
        <source>Last hour</source>
        <translation>最近一小时</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reprint_section.py" line="212"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reprint_section.py" line="213"/>
        <source>Last 7 days</source>
        <translation>最近七天</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/reprint_section.py" line="215"/>
        <source>Reason for the reprint (required):</source>
        <translation>补打原因（必填）：</translation>
    </message>
</context>
<context>
    <name>ReviewScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/review.py" line="90"/>
        <source>Booking fee</source>
        <translation>服务费</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/review.py" line="101"/>
        <source>Check your order</source>
        <translation>确认订单</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/review.py" line="113"/>
        <source>Total %1</source>
        <translation>合计 %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/review.py" line="118"/>
        <source>Pay %1 ›</source>
        <translation>支付 %1 ›</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/review.py" line="124"/>
        <source>Hurry: your seats will be released soon!</source>
        <translation>请尽快支付，座位即将释放！</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/review.py" line="128"/>
        <source>Your seats are held for you for</source>
        <translation>座位为您保留</translation>
    </message>
</context>
<context>
    <name>SeatLegend</name>
    <message>
        <location filename="../../kiosk/ui/widgets/seat_legend.py" line="40"/>
        <source>Available</source>
        <translation>可选</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/seat_legend.py" line="41"/>
        <source>Your seat</source>
        <translation>已选</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/seat_legend.py" line="42"/>
        <source>Couple sofa</source>
        <translation>情侣座</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/seat_legend.py" line="43"/>
        <source>Sold</source>
        <translation>已售</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/seat_legend.py" line="44"/>
        <source>Wheelchair</source>
        <translation>轮椅位</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/seat_legend.py" line="45"/>
        <source>Reserved</source>
        <translation>保留座</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/seat_legend.py" line="46"/>
        <source>On hold</source>
        <translation>暂不可售</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/seat_legend.py" line="47"/>
        <source>Out of use</source>
        <translation>维修中</translation>
    </message>
</context>
<context>
    <name>SeatMap</name>
    <message>
        <location filename="../../kiosk/ui/widgets/seat_map.py" line="395"/>
        <source>SCREEN</source>
        <translation>银幕</translation>
    </message>
</context>
<context>
    <name>SeatsScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/seats.py" line="234"/>
        <source>That seat is not available. Please choose a free seat.</source>
        <translation>该座位不可选，请选择空闲座位。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/seats.py" line="237"/>
        <source>Your tickets are for another area. Choose a seat there, or go back and change tickets.</source>
        <translation>您所选的票种不属于该区域。请在对应区域选座，或返回修改票种。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/seats.py" line="242"/>
        <source>You have all your seats. Tap a chosen seat to free it first.</source>
        <translation>座位已选够。如需更换，请先点击已选座位取消。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/seats.py" line="245"/>
        <source>A couple sofa is sold whole. Choose more tickets, or another seat.</source>
        <translation>情侣座需整套购买。请增加票数，或选择其他座位。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/seats.py" line="253"/>
        <source>Choose your seats</source>
        <translation>选择座位</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/seats.py" line="254"/>
        <source>Confirm seats ›</source>
        <translation>确认选座 ›</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/seats.py" line="256"/>
        <source>Sorry, some seats you chose were just taken by someone else. The map is up to date now: please choose again.</source>
        <translation>抱歉，您选的部分座位刚刚被他人购买。座位图已更新，请重新选座。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/seats.py" line="217"/>
        <source>%1 of %2 chosen: %3</source>
        <translation>已选 %1/%2：%3</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/seats.py" line="220"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/seats.py" line="225"/>
        <source>Tap %1 free seats on the map.</source>
        <translation>请在座位图上选择 %1 个空闲座位。</translation>
    </message>
</context>
<context>
    <name>Section</name>
    <message>
        <location filename="../../kiosk/ui/admin/section.py" line="54"/>
        <source>Working…</source>
        <translation>处理中…</translation>
    </message>
</context>
<context>
    <name>SessionsScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/sessions.py" line="59"/>
        <source>ends %1</source>
        <translation>%1 散场</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sessions.py" line="107"/>
        <location filename="../../kiosk/ui/screens/sessions.py" line="185"/>
        <location filename="../../kiosk/ui/screens/sessions.py" line="239"/>
        <source>from %1</source>
        <translation>%1 起</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sessions.py" line="112"/>
        <source>Sold out</source>
        <translation>售罄</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sessions.py" line="114"/>
        <source>Not on sale</source>
        <translation>停售</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sessions.py" line="116"/>
        <source>Only %1 seats left</source>
        <translation>仅剩 %1 个座位</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sessions.py" line="221"/>
        <location filename="../../kiosk/ui/screens/sessions.py" line="225"/>
        <source>Choose a time</source>
        <translation>选择场次</translation>
    </message>
</context>
<context>
    <name>StaffWording</name>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="34"/>
        <source>Ticket purchase</source>
        <translation>购票</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="35"/>
        <source>Ticket collection</source>
        <translation>取票</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="36"/>
        <source>Staff reprint</source>
        <translation>工作人员补打</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="44"/>
        <source>Choosing tickets</source>
        <translation>正在选票</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="45"/>
        <source>Holding seats</source>
        <translation>正在锁座</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="46"/>
        <source>Seats held, not paid</source>
        <translation>已锁座，未付款</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="47"/>
        <source>Waiting for payment</source>
        <translation>等待付款</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="48"/>
        <source>Paid, confirming booking</source>
        <translation>已付款，正在确认订单</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="49"/>
        <source>Checking whether booked</source>
        <translation>正在核实是否出单</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="50"/>
        <source>Booked, handing over tickets</source>
        <translation>已出单，正在交付</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="51"/>
        <source>Cancelling</source>
        <translation>正在取消</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="52"/>
        <source>Refunding</source>
        <translation>正在退款</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="53"/>
        <source>Needs staff</source>
        <translation>需人工处理</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="54"/>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="55"/>
        <source>Cancelled, nothing charged</source>
        <translation>已取消，未扣款</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="56"/>
        <source>Refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="58"/>
        <source>Started</source>
        <translation>已开始</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="59"/>
        <source>All tickets printed</source>
        <translation>已全部出票</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="60"/>
        <source>Already collected</source>
        <translation>此前已取票</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="61"/>
        <source>Refused, nothing printed</source>
        <translation>被拒绝，未出票</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="62"/>
        <source>Abandoned, nothing printed</source>
        <translation>已中止，未出票</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="63"/>
        <source>Waiting for staff</source>
        <translation>等待人工处理</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="64"/>
        <source>Finished by staff</source>
        <translation>已由工作人员完成</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="66"/>
        <source>Reprinted</source>
        <translation>已补打</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="67"/>
        <source>Reprint failed</source>
        <translation>补打失败</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="68"/>
        <source>Interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="65"/>
        <source>Printed, SARFT confirm still owed</source>
        <translation>已出票，尚待向取票系统确认</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="84"/>
        <source>holding the seats (Connect)</source>
        <translation>锁定座位（影院系统）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="85"/>
        <source>creating the payment QR</source>
        <translation>生成支付二维码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="86"/>
        <source>telling Connect of the payment</source>
        <translation>向影院系统登记支付</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="87"/>
        <source>completing the booking (Connect)</source>
        <translation>完成订单（影院系统）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="88"/>
        <source>cancelling the order (Connect)</source>
        <translation>取消订单（影院系统）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="89"/>
        <source>refunding the booking (Connect)</source>
        <translation>退订（影院系统）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="90"/>
        <source>closing the payment QR</source>
        <translation>关闭支付二维码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="91"/>
        <source>refunding the payment</source>
        <translation>退款</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="92"/>
        <source>charging a payment code</source>
        <translation>付款码扣款</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="93"/>
        <source>reversing a payment code</source>
        <translation>撤销付款码交易</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="94"/>
        <source>asking about the payment</source>
        <translation>查询支付结果</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="95"/>
        <source>reading the order (Connect)</source>
        <translation>查询订单（影院系统）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="96"/>
        <source>asking whether booked (Connect)</source>
        <translation>查询出票状态（影院系统）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="97"/>
        <source>asking SARFT to print</source>
        <translation>向取票系统申请出票</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="98"/>
        <source>printing a ticket</source>
        <translation>打印电影票</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="99"/>
        <source>confirming the print to SARFT</source>
        <translation>向取票系统确认出票</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="100"/>
        <source>printing a marked copy of a ticket</source>
        <translation>补打票（票面注明补打）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="116"/>
        <source>“%1”</source>
        <comment>words quoted from the screen</comment>
        <translation>「%1」</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="129"/>
        <source>Pickup code</source>
        <translation>取票码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="138"/>
        <source>Session</source>
        <translation>场次编号</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="139"/>
        <source>Show time</source>
        <translation>放映时间</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="140"/>
        <source>Seats</source>
        <translation>座位</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="141"/>
        <source>Seat hold</source>
        <translation>座位保留</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="142"/>
        <source>Total</source>
        <translation>总额</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="143"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="145"/>
        <source>Ticket types</source>
        <translation>票种</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="168"/>
        <source>SARFT says the tickets were already collected</source>
        <translation>取票系统显示票已取出</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="171"/>
        <source>SARFT reported an error</source>
        <translation>取票系统报错</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="172"/>
        <source>SARFT has no such booking</source>
        <translation>取票系统中无此订单</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="173"/>
        <source>SARFT refused the pickup code</source>
        <translation>取票系统拒绝了取票码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="176"/>
        <source>SARFT says the booking was refunded or cancelled</source>
        <translation>取票系统显示订单已退票或取消</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="179"/>
        <source>SARFT dropped the kiosk&apos;s sign-in</source>
        <translation>取票系统的登录已失效</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="182"/>
        <source>SARFT refused the kiosk&apos;s sign-in</source>
        <translation>取票系统拒绝本机登录</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="185"/>
        <source>SARFT says the show has ended</source>
        <translation>取票系统显示场次已结束</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="186"/>
        <source>SARFT had not taken the request to print</source>
        <translation>取票系统未受理出票申请</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="189"/>
        <source>SARFT refused with a code it does not explain</source>
        <translation>取票系统以未说明的代码拒绝</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="192"/>
        <source>the booking cannot be sent to SARFT</source>
        <translation>订单无法发送至取票系统</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="201"/>
        <source>the order&apos;s total was not the price shown</source>
        <translation>订单总价与显示价格不符</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="204"/>
        <source>holding the seats failed (%1)</source>
        <translation>锁座失败（%1）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="207"/>
        <source>seat hold ran out</source>
        <translation>锁座已到期</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="209"/>
        <source>the payment QR could not be created</source>
        <translation>无法生成支付二维码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="212"/>
        <source>a payment code could not be reversed</source>
        <translation>付款码支付无法撤销</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="215"/>
        <source>paid by code, but the QR could not be closed</source>
        <translation>已用付款码支付，但二维码未能关闭</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="218"/>
        <source>paid, but the other QR could not be closed</source>
        <translation>已支付，但另一个二维码未能关闭</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="221"/>
        <source>the patron cancelled</source>
        <translation>观众已取消</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="222"/>
        <source>time for payment ran out</source>
        <translation>支付超时</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="223"/>
        <source>the payment was closed</source>
        <translation>支付已关闭</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="224"/>
        <source>the amount paid was not the total</source>
        <translation>支付金额与总价不符</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="227"/>
        <source>paid after the seat hold ran out</source>
        <translation>锁座到期后才支付</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="398"/>
        <source>Reference</source>
        <translation>查询码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="414"/>
        <source>payment the kiosk never saw</source>
        <translation>本机无记录的收款</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="415"/>
        <source>paid, no tickets</source>
        <translation>已收款未出票</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="416"/>
        <source>refund on its way</source>
        <translation>退款处理中</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="417"/>
        <source>amount differs</source>
        <translation>金额不符</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="418"/>
        <source>money kept, booking refunded</source>
        <translation>已收款但订单已退</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="419"/>
        <source>refunded, tickets issued</source>
        <translation>已退款但已出票</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="420"/>
        <source>missing from the bill</source>
        <translation>账单中没有</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="421"/>
        <source>could not be checked</source>
        <translation>无法核对</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="430"/>
        <source>Not run yet on this kiosk (kiosk reconcile)</source>
        <translation>本机尚未对账（kiosk reconcile）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="444"/>
        <source>1 mismatch: %2</source>
        <translation>1 处不符：%2</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="446"/>
        <source>%1 mismatches: %2</source>
        <translation>%1 处不符：%2</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="452"/>
        <source>everything matched</source>
        <translation>全部相符</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="461"/>
        <source>bill not read: %1</source>
        <translation>账单无法读取：%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="465"/>
        <source>ran %1</source>
        <translation>对账时间 %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="516"/>
        <source>Printer status unknown (no reply)</source>
        <translation>打印机状态未知（无应答）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="518"/>
        <source>Not answering (details: kiosk doctor, or the log)</source>
        <translation>无应答（详情见 kiosk doctor 或日志）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="130"/>
        <source>Booking number</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="131"/>
        <source>Payment order</source>
        <translation>支付单号</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="132"/>
        <source>Paid with</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="133"/>
        <source>Sold by</source>
        <translation>售出渠道</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="134"/>
        <source>Started from</source>
        <translation>发起方式</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="135"/>
        <source>Stopped because</source>
        <translation>停止原因</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="136"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="137"/>
        <source>Why staff are needed</source>
        <translation>需人工原因</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="144"/>
        <source>Tickets</source>
        <translation>票数</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="146"/>
        <source>Printed</source>
        <translation>已出票</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="147"/>
        <source>Purchase transaction</source>
        <translation>购票交易</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="148"/>
        <source>Finished by transaction</source>
        <translation>完成该单的交易</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="149"/>
        <source>Settled by recovery</source>
        <translation>由恢复处理</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="151"/>
        <source>Code proven by SARFT alone (no Connect)</source>
        <translation>取票码仅由影院取票系统核验（Connect 未连通）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="152"/>
        <source>Connect&apos;s failure</source>
        <translation>Connect 故障</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="153"/>
        <source>SARFT confirm failed</source>
        <translation>取票系统确认失败</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="160"/>
        <source>tickets still owed to the patron</source>
        <translation>仍欠观众电影票</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="161"/>
        <source>SARFT has not yet taken the confirm</source>
        <translation>取票系统尚未接受出票确认</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="162"/>
        <source>ticket collection service unreachable</source>
        <translation>本地取票服务无法连接</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="165"/>
        <location filename="../../kiosk/ui/admin/wording.py" line="208"/>
        <source>printer not ready</source>
        <translation>打印机未就绪</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="166"/>
        <source>booking record incomplete</source>
        <translation>订单信息不完整</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="200"/>
        <source>seats no longer free</source>
        <translation>座位已被占</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="234"/>
        <source>cancelling failed</source>
        <translation>取消失败</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="233"/>
        <source>no booking found</source>
        <translation>未找到订单</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="235"/>
        <source>booking was refunded</source>
        <translation>订单已退款</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="230"/>
        <source>payment not accepted</source>
        <translation>支付未被受理</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="256"/>
        <source>pickup code</source>
        <translation>取票码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="257"/>
        <source>purchase at this kiosk</source>
        <translation>本机购票</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="258"/>
        <source>online agent</source>
        <translation>线上代理</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="259"/>
        <source>this cinema</source>
        <translation>本影院</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="261"/>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="262"/>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="263"/>
        <source>payment simulator</source>
        <translation>支付模拟器</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="301"/>
        <source>, </source>
        <comment>between the items of a list</comment>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="323"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="323"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="345"/>
        <source>expires %1</source>
        <translation>%1 到期</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="359"/>
        <location filename="../../kiosk/ui/admin/wording.py" line="455"/>
        <source>%1: %2</source>
        <comment>fact name: value</comment>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="477"/>
        <source>online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="478"/>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="479"/>
        <source>paper OK</source>
        <translation>纸量正常</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="480"/>
        <source>paper near end</source>
        <translation>纸将用完</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="481"/>
        <source>paper out</source>
        <translation>缺纸</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="482"/>
        <source>cover open</source>
        <translation>机盖打开</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="483"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="496"/>
        <source>Cinema %1 found (%2 cinemas on the system)</source>
        <translation>已找到影院 %1（系统中共 %2 家）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="501"/>
        <source>Cinema %1 is not on the cinema system (check cinema_id)</source>
        <translation>影院系统中没有影院 %1（请检查 cinema_id）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="505"/>
        <source>Signed in</source>
        <translation>已登录</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="507"/>
        <source>Answering</source>
        <translation>响应正常</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="510"/>
        <source>Printer does not report status (assumed ready)</source>
        <translation>打印机不报告状态（视为就绪）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/wording.py" line="514"/>
        <source>, </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>StillThereScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/still_there.py" line="91"/>
        <source>Are you still there?</source>
        <translation>您还在吗？</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/still_there.py" line="93"/>
        <source>Touch Continue to carry on. Otherwise the kiosk cancels this order and goes back to the start in:</source>
        <translation>请点击“继续”接着操作。否则本次订单将被取消，并在以下时间后返回首页：</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/still_there.py" line="99"/>
        <source>Touch Continue to carry on. Otherwise the kiosk goes back to the start in:</source>
        <translation>请点击“继续”接着操作，否则将在以下时间后返回首页：</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/still_there.py" line="104"/>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/still_there.py" line="105"/>
        <source>Start over</source>
        <translation>重新开始</translation>
    </message>
</context>
<context>
    <name>TicketTypesScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/ticket_types.py" line="184"/>
        <source>%1 tickets · %2</source>
        <translation>%1 张 · %2</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/ticket_types.py" line="190"/>
        <source>How many tickets?</source>
        <translation>选择票种和张数</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/ticket_types.py" line="191"/>
        <source>Choose seats ›</source>
        <translation>去选座 ›</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/ticket_types.py" line="193"/>
        <source>Up to %1 tickets per purchase.</source>
        <translation>每单最多购买 %1 张。</translation>
    </message>
</context>
<context>
    <name>ToolsSection</name>
    <message>
        <location filename="../../kiosk/ui/admin/tools_section.py" line="75"/>
        <source>The test page may not have printed: %1</source>
        <translation>测试页可能未打印：%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/tools_section.py" line="78"/>
        <source>Test page printed.</source>
        <translation>测试页已打印。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/tools_section.py" line="89"/>
        <source>Films and sessions reloaded from the cinema system.</source>
        <translation>已从影院系统重新载入影片和场次。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/tools_section.py" line="110"/>
        <source>Closed: patrons see &apos;Out of service&apos;.</source>
        <translation>已暂停对外服务：观众看到“暂停服务”页面。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/tools_section.py" line="111"/>
        <source>Open to patrons again.</source>
        <translation>已恢复对外服务。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/tools_section.py" line="150"/>
        <source>Print a test page</source>
        <translation>打印测试页</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/tools_section.py" line="151"/>
        <source>Reload films and sessions</source>
        <translation>重新载入影片和场次</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/tools_section.py" line="153"/>
        <source>Open to patrons again</source>
        <translation>恢复对外服务</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/tools_section.py" line="155"/>
        <source>Close to patrons</source>
        <translation>暂停对外服务</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/tools_section.py" line="157"/>
        <source>Tap again to exit kiosk mode</source>
        <translation>再按一次退出自助模式</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/tools_section.py" line="159"/>
        <source>Exit kiosk mode</source>
        <translation>退出自助模式</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/admin/tools_section.py" line="161"/>
        <source>Closes the kiosk program. Nobody can buy or collect until it is started again.</source>
        <translation>将关闭自助售票程序，重新启动前无法购票或取票。</translation>
    </message>
</context>
</TS>
