"""Header rows of real exports, as shops, tills, payment and mailing-list systems write them."""

from __future__ import annotations

EXPORTS: dict[str, str] = {
    "shopify_orders": (
        "Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,"
        "Accepts Marketing,Currency,Subtotal,Shipping,Taxes,Total,Discount Code,"
        "Discount Amount,Shipping Method,Created at,Lineitem quantity,Lineitem name,"
        "Lineitem price,Lineitem compare at price,Lineitem sku,"
        "Lineitem requires shipping,Lineitem taxable,Lineitem fulfillment status,"
        "Billing Name,Billing Street,Billing Address1,Billing Address2,Billing Company,"
        "Billing City,Billing Zip,Billing Province,Billing Country,Billing Phone,"
        "Shipping Name,Shipping Street,Shipping Address1,Shipping Address2,"
        "Shipping Company,Shipping City,Shipping Zip,Shipping Province,Shipping Country,"
        "Shipping Phone,Notes,Note Attributes,Cancelled at,Payment Method,"
        "Payment Reference,Refunded Amount,Vendor,Outstanding Balance,Employee,Location,"
        "Device ID,Id,Tags,Risk Level,Source,Lineitem discount,Tax 1 Name,Tax 1 Value,"
        "Phone,Receipt Number,Duties,Billing Province Name,Shipping Province Name,"
        "Payment ID,Payment Terms Name,Next Payment Due At,Payment References"
    ),
    "shopify_customers": (
        "First Name,Last Name,Email,Accepts Email Marketing,Default Address Company,"
        "Default Address Address1,Default Address Address2,Default Address City,"
        "Default Address Province Code,Default Address Country Code,Default Address Zip,"
        "Default Address Phone,Phone,Accepts SMS Marketing,Total Spent,Total Orders,Note,"
        "Tax Exempt,Tags"
    ),
    "squarespace_orders": (
        "Order ID,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,"
        "Currency,Subtotal,Shipping,Discount Code,Discount Amount,Shipping Method,Taxes,"
        "Amount Refunded,Total,Created at,Lineitem quantity,Lineitem name,Lineitem price,"
        "Lineitem sku,Lineitem variant,Lineitem requires shipping,Lineitem external ID,"
        "Billing Name,Billing Address1,Billing Address2,Billing City,Billing Zip,"
        "Billing Province,Billing Country,Billing Phone,Shipping Name,Shipping Address1,"
        "Shipping Address2,Shipping City,Shipping Zip,Shipping Province,Shipping Country,"
        "Shipping Phone,Cancelled at,Private Notes,Checkout Form,Payment Method,"
        "Payment Reference,Channel,Channel Type,Channel Name"
    ),
    "square_transactions": (
        "Date,Time,Time Zone,Gross Sales,Discounts,Service Charges,Net Sales,"
        "Gift Card Sales,Tax,Tip,Partial Refunds,Total Collected,Source,Card,"
        "Card Entry Methods,Cash,Square Gift Card,Other Tender,Other Tender Type,"
        "Tender Note,Fees,Net Total,Transaction ID,Payment ID,Card Brand,PAN Suffix,"
        "Device Name,Staff Name,Staff ID,Details,Description,Event Type,Location,"
        "Dining Option,Customer ID,Customer Name,Customer Reference ID,Device Nickname,"
        "Deposit ID,Deposit Date,Deposit Details"
    ),
    "square_customers": (
        "Reference ID,First Name,Last Name,Email Address,Phone Number,Nickname,"
        "Company Name,Street Address 1,Street Address 2,City,State,Postal Code,Birthday,"
        "Memo,Square Customer ID,Creation Source,First Visit,Last Visit,"
        "Transaction Count,Total Spend,Email Subscription Status,Instant Profile"
    ),
    "etsy_orders": (
        "Sale Date,Order ID,Buyer User ID,Full Name,First Name,Last Name,Number of Items,"
        "Payment Method,Date Shipped,Street 1,Street 2,Ship City,Ship State,Ship Zipcode,"
        "Ship Country,Currency,Order Value,Coupon Code,Coupon Details,Discount Amount,"
        "Shipping Discount,Shipping,Sales Tax,Order Total,Status,Card Processing Fees,"
        "Order Net,Adjusted Order Total,Adjusted Card Processing Fees,"
        "Adjusted Net Order Amount,Buyer,Order Type,Payment Type,InPerson Discount,"
        "InPerson Location,SKU"
    ),
    "etsy_items": (
        "Sale Date,Item Name,Buyer,Quantity,Price,Coupon Code,Coupon Details,"
        "Discount Amount,Shipping Discount,Order Shipping,Order Sales Tax,Item Total,"
        "Currency,Transaction ID,Listing ID,Date Paid,Date Shipped,Ship Name,"
        "Ship Address1,Ship Address2,Ship City,Ship State,Ship Zipcode,Ship Country,"
        "Order ID,Variations,Order Type,Listings Type,Payment Type,InPerson Discount,"
        "InPerson Location,VAT Paid by Buyer,SKU"
    ),
    "woo_orders": (
        "Date,Order #,Status,Customer,Customer type,Product(s),Items sold,Coupon(s),"
        "Net Sales,Attribution"
    ),
    "woo_customers": (
        "Name,Username,Last active,Date registered,Email,Orders,Total spend,AOV,"
        "Country / Region,City,Region,Postal code"
    ),
    "woo_plugin": (
        "Order Number,Order Status,Order Date,Customer Note,First Name (Billing),"
        "Last Name (Billing),Company (Billing),Address 1&2 (Billing),City (Billing),"
        "State Code (Billing),Postcode (Billing),Country Code (Billing),Email (Billing),"
        "Phone (Billing),Payment Method Title,Cart Discount Amount,Order Subtotal Amount,"
        "Shipping Method Title,Order Shipping Amount,Order Refund Amount,"
        "Order Total Amount,Order Total Tax Amount,SKU,Item #,Item Name,"
        "Quantity (- Refund),Item Cost,Coupon Code"
    ),
    "stripe_payments": (
        "id,Description,Seller Message,Created (UTC),Amount,Amount Refunded,Currency,"
        "Converted Amount,Converted Amount Refunded,Fee,Tax,Converted Currency,Mode,"
        "Status,Statement Descriptor,Customer ID,Customer Description,Customer Email,"
        "Captured,Card ID,Card Last4,Card Brand,Card Funding,Card Exp Month,"
        "Card Exp Year,Card Name,Card Address Line1,Card Address Line2,Card Address City,"
        "Card Address State,Card Address Country,Card Address Zip,Card Issue Country,"
        "Card Fingerprint,Card CVC Status,Card AVS Zip Status,Card AVS Line1 Status,"
        "Card Tokenization Method,Disputed Amount,Dispute Status,Dispute Reason,"
        "Dispute Date (UTC),Dispute Evidence Due (UTC),Invoice ID,Invoice Number,"
        "Checkout Session ID,Client Reference ID,Payment Link ID,UTM Campaign,"
        "UTM Content,UTM Medium,UTM Source,UTM Term,Terminal Location ID,"
        "Terminal Reader ID,Application Fee,Application ID,Destination,Interchange Costs,"
        "Merchant Service Charge,Is Link,Transfer,Transfer Group,PaymentIntent ID,"
        "Payment Source Type,Decline Reason,Shipping Name,Shipping Address Line1,"
        "Shipping Address Line2,Shipping Address City,Shipping Address State,"
        "Shipping Address Country,Shipping Address Postal Code"
    ),
    "stripe_customers": (
        "id,Description,Email,Name,Created (UTC),Plan,Status,Cancel At Period End,Coupon,"
        "Card ID,Card Last4,Card Brand,Card Funding,Card Exp Month,Card Exp Year,"
        "Card Name,Card Address City,Card Address Zip,Account Balance,Currency,"
        "Delinquent,Total Spend,Payment Count,Refunded Volume,Dispute Losses,"
        "Business Vat ID"
    ),
    "stripe_payouts": (
        "id,Amount,Currency,Arrival Date (UTC),Created (UTC),Description,Status,Type,"
        "Destination,Method,Source Type,Statement Descriptor,Failure Code"
    ),
    "wix_orders": (
        "Order number,Date created,Time,Billing customer,Billing company name,"
        "Billing country,Billing state,Billing city,Billing address,"
        "Billing zip/postal code,Billing phone,Delivery customer,Delivery country,"
        "Delivery city,Delivery method,Payment status,Fulfillment status,Tracking number,"
        "Buyer's email,Item,Variant,SKU,Qty,Price,Weight,Notes to seller,Shipping,Tax,"
        "Total,Currency,Refunded amount"
    ),
    "wix_contacts": (
        "First Name,Last Name,Email 1,Email 2,Phone 1,Phone 2,Address 1 - Street,"
        "Address 1 - City,Address 1 - Zip,Company,Position,Labels,Birthdate,"
        "Email subscriber status,Created At (UTC+0),Last Activity,"
        "Last Activity Date (UTC+0),Source"
    ),
    "paypal": (
        "Date,Time,TimeZone,Name,Type,Status,Currency,Gross,Fee,Net,From Email Address,"
        "To Email Address,Transaction ID,Shipping Address,Address Status,Item Title,"
        "Item ID,Shipping and Handling Amount,Insurance Amount,Sales Tax,Option 1 Name,"
        "Option 1 Value,Option 2 Name,Option 2 Value,Reference Txn ID,Invoice Number,"
        "Custom Number,Quantity,Receipt ID,Balance,Address Line 1,"
        "Address Line 2/District/Neighborhood,Town/City,"
        "State/Province/Region/County/Territory/Prefecture/Republic,Zip/Postal Code,"
        "Country,Contact Phone Number,Subject,Note,Country Code,Balance Impact"
    ),
    "eventbrite": (
        "Order #,Order Date,First Name,Last Name,Email,Quantity,Ticket Type,Attendee #,"
        "Barcode #,Order Type,Total Paid,Fees Paid,Eventbrite Fees,"
        "Eventbrite Payment Processing,Attendee Status,Event Name,Event ID,"
        "Buyer Last Name,Buyer First Name,Buyer Email"
    ),
    "mailchimp": (
        "Email Address,First Name,Last Name,Address,Phone Number,Birthday,MEMBER_RATING,"
        "OPTIN_TIME,OPTIN_IP,CONFIRM_TIME,CONFIRM_IP,LATITUDE,LONGITUDE,GMTOFF,DSTOFF,"
        "TIMEZONE,CC,REGION,LAST_CHANGED,LEID,EUID,NOTES,TAGS"
    ),
    "mailchimp_unsub": (
        "Email Address,First Name,Last Name,MEMBER_RATING,OPTIN_TIME,OPTIN_IP,"
        "CONFIRM_TIME,CONFIRM_IP,LATITUDE,LONGITUDE,GMTOFF,DSTOFF,TIMEZONE,CC,REGION,"
        "UNSUB_TIME,UNSUB_CAMPAIGN_TITLE,UNSUB_CAMPAIGN_ID,UNSUB_REASON,"
        "UNSUB_REASON_OTHER,LEID,EUID,NOTES,TAGS"
    ),
    "google_old": (
        "Name,Given Name,Additional Name,Family Name,Yomi Name,Given Name Yomi,"
        "Additional Name Yomi,Family Name Yomi,Name Prefix,Name Suffix,Initials,Nickname,"
        "Short Name,Maiden Name,Birthday,Gender,Location,Billing Information,"
        "Directory Server,Mileage,Occupation,Hobby,Sensitivity,Priority,Subject,Notes,"
        "Language,Photo,Group Membership,E-mail 1 - Type,E-mail 1 - Value,"
        "E-mail 2 - Type,E-mail 2 - Value,Phone 1 - Type,Phone 1 - Value,"
        "Address 1 - Type,Address 1 - Formatted,Address 1 - Street,Address 1 - City,"
        "Address 1 - PO Box,Address 1 - Region,Address 1 - Postal Code,"
        "Address 1 - Country,Address 1 - Extended Address,Organization 1 - Type,"
        "Organization 1 - Name,Organization 1 - Yomi Name,Organization 1 - Title,"
        "Organization 1 - Department,Website 1 - Type,Website 1 - Value"
    ),
    "google_new": (
        "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,"
        "Phonetic Last Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,"
        "Organization Title,Organization Department,Birthday,Notes,Photo,Labels,"
        "E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value,"
        "Address 1 - Label,Address 1 - Formatted,Address 1 - Street,Address 1 - City,"
        "Address 1 - PO Box,Address 1 - Region,Address 1 - Postal Code,"
        "Address 1 - Country"
    ),
    "outlook": (
        "First Name,Middle Name,Last Name,Title,Suffix,Nickname,Given Yomi,Surname Yomi,"
        "E-mail Address,E-mail 2 Address,E-mail 3 Address,Home Phone,Home Phone 2,"
        "Business Phone,Business Phone 2,Mobile Phone,Car Phone,Other Phone,"
        "Primary Phone,Pager,Business Fax,Home Fax,Other Fax,Company Main Telephone,"
        "Callback,Radio Phone,Telex,TTY/TDD Phone,IMAddress,Job Title,Department,Company,"
        "Office Location,Manager's Name,Assistant's Name,Assistant's Phone,Company Yomi,"
        "Business Street,Business City,Business State,Business Postal Code,"
        "Business Country/Region,Home Street,Home City,Home State,Home Postal Code,"
        "Home Country/Region,Other Street,Other City,Other State,Other Postal Code,"
        "Other Country/Region,Personal Web Page,Spouse,Schools,Hobby,Location,Web Page,"
        "Birthday,Anniversary,Notes,Categories"
    ),
}
