/** Words the generator prints: labels of fields, options of checkbox groups, and text that is not a field. */

export const TEXT_LABELS = [
  "First name", "Last name", "Middle initial", "Full name", "Name", "Maiden name", "Preferred name",
  "Address", "Street address", "Mailing address", "Apt / Suite", "City", "State", "County", "Country",
  "ZIP code", "Postal code", "Phone", "Home phone", "Mobile phone", "Work phone", "Fax", "Email",
  "Email address", "Date", "Date of birth", "Place of birth", "Nationality", "Occupation", "Employer",
  "Employer address", "Job title", "Department", "Supervisor", "Start date", "End date", "Salary",
  "Hourly rate", "Hours per week", "Policy number", "Member ID", "Group number", "Account number",
  "Routing number", "Bank name", "Claim number", "Invoice number", "Amount", "Total amount due",
  "Reference", "Case number", "Student ID", "School", "Grade", "Major", "Graduation year",
  "Emergency contact", "Relationship", "Contact phone", "Physician", "Clinic", "Insurance provider",
  "Allergies", "Medications", "Reason for visit", "Vehicle make", "Model", "Year", "License plate",
  "Driver license no.", "Passport number", "Tax ID", "Company name", "Business type", "Website",
  "Title", "Printed name", "Witness name", "Notary", "Project name", "Location", "Quantity",
  "Description", "Unit price", "Signature date", "Tenant name", "Landlord", "Monthly rent",
  "Move-in date", "Previous address", "Years at address", "Spouse name", "Number of dependents",
];

export const COMB_LABELS = [
  "Date of birth (MM/DD/YYYY)", "Social Security Number", "Account number", "ZIP code", "Phone number",
  "Employee ID", "Member number", "Tax ID number", "Routing number", "Policy no.", "Postal code",
  "Date (DD MM YYYY)", "Card number", "PIN",
];

export const MULTILINE_LABELS = [
  "Comments", "Additional information", "Description of incident", "Reason for request",
  "Medical history", "Explain any \"Yes\" answers", "Special instructions", "Remarks",
  "Describe your duties", "Notes", "Other information", "Statement",
];

export const CHECK_QUESTIONS: readonly (readonly [string, readonly string[]])[] = [
  ["Marital status", ["Single", "Married", "Divorced", "Widowed"]],
  ["Gender", ["Male", "Female", "Other", "Prefer not to say"]],
  ["Are you a U.S. citizen?", ["Yes", "No"]],
  ["Have you ever been convicted of a felony?", ["Yes", "No"]],
  ["Employment type", ["Full-time", "Part-time", "Contract", "Temporary"]],
  ["Preferred contact method", ["Phone", "Email", "Mail", "Text"]],
  ["Do you smoke?", ["Yes", "No"]],
  ["Account type", ["Checking", "Savings"]],
  ["Payment method", ["Cash", "Check", "Credit card", "Money order"]],
  ["Shift availability", ["Morning", "Evening", "Night", "Weekends"]],
  ["Coverage", ["Employee only", "Employee + spouse", "Family"]],
  ["Request type", ["New", "Renewal", "Change", "Cancellation"]],
  ["Residence", ["Own", "Rent", "Other"]],
  ["Are you over 18?", ["Yes", "No"]],
  ["Symptoms", ["Fever", "Cough", "Headache", "Fatigue", "Nausea"]],
  ["Delivery", ["Standard", "Express", "Pickup"]],
];

export const CONSENT_STATEMENTS = [
  "I agree to the terms and conditions",
  "I certify that the information above is true and complete",
  "Check here if this is a change of address",
  "I authorize the release of my records",
  "Send me updates by email",
  "I have read the privacy notice",
];

export const TITLES = [
  "Application for Employment", "Patient Registration Form", "Rental Application",
  "Change of Address Request", "Direct Deposit Authorization", "Insurance Claim Form",
  "Membership Application", "Vehicle Registration", "Student Enrollment Form", "Incident Report",
  "Expense Reimbursement", "Request for Leave", "Volunteer Application", "Account Opening Form",
  "Medical History Questionnaire", "Purchase Order", "Permit Application", "Customer Information Sheet",
];

export const HEADINGS = [
  "Applicant information", "Personal details", "Contact information", "Employment history",
  "Education", "Emergency contact", "Payment details", "Insurance information", "Certification",
  "Authorization", "Vehicle information", "Household members", "References", "For office use",
  "Account holder", "Beneficiary", "Medical information", "Declaration", "Items requested",
];

export const TABLE_COLUMNS = [
  "Name", "Date", "Amount", "Description", "Qty", "Unit price", "Total", "Employer", "Position",
  "From", "To", "Phone", "Relationship", "Age", "Item", "Code", "Hours", "Account", "Notes",
];

export const WORDS = (
  "please complete all sections of this form and return it to the office listed below applicants must " +
  "provide accurate information incomplete forms may delay processing of your request we will use the " +
  "details you give only for the purpose stated attach copies of supporting documents where required " +
  "print clearly in black ink sign and date the declaration at the end the information is kept " +
  "confidential under applicable law if you need help call our service line during business hours " +
  "each applicant must answer every question fees are not refundable once the application is received"
).split(" ");

export const ROW_LABELS = ["1.", "2.", "3.", "4.", "5.", "6.", "7.", "8.", "a.", "b.", "c.", "d."];
