"""Reasons for the findings of `sftpcheck files`: one object per finding code.

A finding of severity error has status FAIL, a warning has status WARN.
"""

from __future__ import annotations

from sftpcheck.model import Reason, Status

_OPEN_IN_EDITOR = "Open the file in a plain text editor such as Notepad, not in Excel."
_EXPORT_AGAIN = "Export the file again from your student system. Do not open it in Excel first."

BAD_NAME = Reason(
    code="files.bad_name",
    status=Status.FAIL,
    title="A file name is not one the vendor takes",
    explanation=(
        "The vendor's importer looks for exact file names, such as students.csv. "
        "A file with any other name is skipped. Extra words, numbers, spaces or capital "
        "letters make a new name."
    ),
    fix=(
        "Rename the file to the name this report gives, all in lower case.",
        "Change the export job so it writes that exact name each night.",
        "Turn off any setting that adds a date or a number to the name.",
    ),
    causes=(
        "A browser saved a second copy as 'Students (1).csv'.",
        "The export adds a date to the name, such as 'Schools 2024.csv'.",
        "The file was saved by hand with capital letters or spaces.",
    ),
    confirm="sftpcheck files compares each CSV name in the folder with the names in the spec.",
    ask_vendor="What are the exact file names your importer takes?",
)

MISSING = Reason(
    code="files.missing",
    status=Status.WARN,
    title="A file the vendor expects is not in the folder",
    explanation=(
        "The spec lists this file, but the folder does not have it. "
        "The vendor may keep old data for it, or may skip the links that need it. "
        "When OneRoster's manifest marks a file absent, the links to it are not checked, "
        "and the report says so."
    ),
    fix=(
        "Check that the export job writes this file to the same folder as the others.",
        "If you do not send this file on purpose, tell the vendor.",
    ),
    causes=(
        "The export job for this file failed or is turned off.",
        "The file was saved to another folder.",
    ),
    confirm="sftpcheck files looks for each spec file name in the folder.",
    ask_vendor="Which files must we send each night, and which are optional?",
)

EMPTY = Reason(
    code="files.empty",
    status=Status.FAIL,
    title="A file has no data",
    explanation=(
        "The file is empty, or it has a header line and no rows. "
        "The vendor may read this as 'delete everything' for this file. "
        "A file of 0 bytes is an error. A header with no rows is only a warning, as "
        "some exports have nothing to send, but some importers refuse it."
    ),
    fix=(
        "Run the export again and check that it ends without errors.",
        "Check the filter in the export. It may pick no schools or no year.",
        "Do not upload the file until it has rows.",
    ),
    causes=(
        "The export ran before the data was ready, or it failed part way.",
        "A filter in the export matches nothing.",
    ),
    confirm="sftpcheck files finds a file of zero bytes, or a header with no rows after it.",
)

ENCODING = Reason(
    code="files.encoding",
    status=Status.FAIL,
    title="A file is not saved as UTF-8",
    explanation=(
        "The vendor reads text as UTF-8. This file uses another encoding, such as "
        "Windows-1252 or UTF-16. Names with accents, like José, turn into junk or "
        "stop the import."
    ),
    fix=(
        "Set the export in your student system to UTF-8.",
        "In Excel, use Save As and pick 'CSV UTF-8 (Comma delimited)'.",
        "In Notepad, use Save As and set Encoding to UTF-8.",
    ),
    causes=(
        "The export tool uses the old Windows encoding by default.",
        "Excel saved the file as 'CSV (Comma delimited)', which is not UTF-8.",
        "A tool saved the file as 'Unicode', which is UTF-16.",
    ),
    confirm=(
        "sftpcheck files reads every byte as UTF-8 and names the line and byte where "
        "that first fails. It then guesses the encoding from the bytes."
    ),
    ask_vendor="Which text encoding does your importer expect?",
)

BOM = Reason(
    code="files.bom",
    status=Status.WARN,
    title="A file starts with a byte order mark",
    explanation=(
        "The file starts with three hidden bytes called a byte order mark (BOM). "
        "Some importers read them as part of the first column name. Then that column "
        "looks missing."
    ),
    fix=(
        "Ask the vendor if their importer handles a BOM. Many do.",
        "If not, save the file as UTF-8 without BOM. Notepad calls this 'UTF-8'.",
    ),
    causes=("Excel's 'CSV UTF-8' and some export tools add a BOM.",),
    confirm="sftpcheck files finds the bytes EF BB BF at the start of the file.",
    ask_vendor="Does your importer accept UTF-8 files that start with a BOM?",
)

NO_HEADER = Reason(
    code="files.no_header",
    status=Status.FAIL,
    title="A file has no header line",
    explanation=(
        "The first line of the file holds data, not the column names. "
        "The vendor uses the first line to know which column is which."
    ),
    fix=(
        "Turn on the option that writes column names in the export.",
        "Or add the header line from the spec as the first line of the file.",
    ),
    causes=("The export is set to leave out the header.",),
    confirm="sftpcheck files finds no spec column name in the first line, and data there.",
)

HEADER_MISMATCH = Reason(
    code="files.header_mismatch",
    status=Status.FAIL,
    title="A column name differs from the spec",
    explanation=(
        "A column name is close to a spec name, but not the same. The importer needs "
        "the exact name. Spaces, dashes and capital letters count as different."
    ),
    fix=(
        "Rename the column in the export to the exact name this report gives.",
        "Use underscores, not spaces or dashes, and lower case letters.",
    ),
    causes=(
        "The export uses display names, such as 'Student ID'.",
        "Someone typed the header by hand.",
    ),
    confirm="sftpcheck files compares each header name with the spec's names.",
    ask_vendor="Can you send the exact header line for each file?",
)

MISSING_COLUMN = Reason(
    code="files.missing_column",
    status=Status.FAIL,
    title="A required column is missing",
    explanation=(
        "The spec needs this column, but the header does not have it or anything "
        "close to it. Without it, the vendor cannot import these rows. When the column "
        "is optional, this is only a warning: most importers read columns by name, but a "
        "strict one wants every column of the spec, even empty ones."
    ),
    fix=(
        "Add the column to the export, with the exact name from the spec.",
        "Check that the file uses commas between values, not semicolons or tabs.",
    ),
    causes=(
        "The export template is old or was made for another vendor.",
        "The file uses another separator, so all names run into one column.",
    ),
    confirm="sftpcheck files looks for each required column name in the header.",
)

RAGGED_ROW = Reason(
    code="files.ragged_row",
    status=Status.FAIL,
    title="A row has the wrong number of values",
    explanation=(
        "A row has more or fewer values than the header has names. Often a value holds "
        "a comma but has no quotes around it. Then the values shift into the wrong columns."
    ),
    fix=(
        "Look at the lines this report names in a plain text editor.",
        'Put double quotes around any value that has a comma, like "Smith, Jr.".',
        "Let the export tool write the CSV. Do not join values by hand.",
    ),
    causes=(
        "A name or title holds a comma and is not in quotes.",
        "A line was cut off, or two lines were joined.",
        "Blank lines, often at the end of the file. These are only a warning: most "
        "importers skip them.",
    ),
    confirm="sftpcheck files counts the values in each row and compares with the header.",
)

HIDDEN_CHARACTER = Reason(
    code="files.hidden_character",
    status=Status.WARN,
    title="A value holds hidden characters",
    explanation=(
        "A value holds a character you cannot see. It may be a space at the start or "
        "end, a non-breaking space, a zero-width space or a control character. Then "
        "'123 ' and '123' do not match, and links break. In an id this is an error, and "
        "the report counts the rows in other files that will not match it."
    ),
    fix=(
        "Fix the value in your student system, so the next export is clean.",
        "Or use TRIM and CLEAN in the export query to remove these characters.",
        _OPEN_IN_EDITOR,
    ),
    causes=(
        "Data was pasted from a web page or a Word file.",
        "Someone typed a space at the end of a name or id.",
    ),
    confirm="sftpcheck files looks in each value for spaces at the ends and for hidden characters.",
)

EXCEL_MANGLED = Reason(
    code="files.excel_mangled",
    status=Status.FAIL,
    title="A spreadsheet changed an id",
    explanation=(
        "An id looks like Excel changed it. Long numbers turn into a short form like "
        "1.23457E+11, and ids like 1-3 turn into dates like 3-Jan. The real id is lost, "
        "so the vendor cannot match it."
    ),
    fix=(
        _EXPORT_AGAIN,
        "If you must edit it, open a blank sheet and use Data, then From Text/CSV.",
        "In that window, set each id column to Text before you load the data.",
        "Save with 'CSV UTF-8 (Comma delimited)' and check the ids in Notepad.",
    ),
    causes=(
        "The file was opened in Excel and saved again.",
        "A person fixed something in Excel before the upload.",
    ),
    confirm=(
        "sftpcheck files looks for ids in the form 1.23457E+11, ids that look like dates, "
        "and ids that end in .0."
    ),
)

LEADING_ZEROS = Reason(
    code="files.leading_zeros",
    status=Status.FAIL,
    title="An id lost its leading zeros in one file",
    explanation=(
        "The same id has zeros at the front in one file and not in another, such as "
        "00123 and 123. To the vendor these are two different ids, so the link breaks."
    ),
    fix=(
        _EXPORT_AGAIN,
        "Excel drops zeros at the front of numbers. Use Data, then From Text/CSV, and "
        "set the id columns to Text if you must edit.",
        "Make every file write ids the same way.",
    ),
    causes=(
        "One file was opened and saved in Excel.",
        "Two export jobs format the ids in different ways.",
    ),
    confirm=(
        "sftpcheck files takes each id that a file links to but cannot find, and looks "
        "for it in the target file with the zeros at the front added or removed."
    ),
)

DUPLICATE_ID = Reason(
    code="files.duplicate_id",
    status=Status.FAIL,
    title="An id is in its own file more than once",
    explanation=(
        "Each row in this file needs its own id. The same id is on more than one row. "
        "The vendor may keep only one of them, or stop the import."
    ),
    fix=(
        "Find the rows this report names and fix the id in your student system.",
        "Check that the export does not join tables in a way that repeats rows.",
    ),
    causes=(
        "The export joins a table that has more than one row per person.",
        "Two people share an id by mistake.",
    ),
    confirm="sftpcheck files keeps each id it has seen in the file and reports a repeat.",
)

MISSING_REQUIRED = Reason(
    code="files.missing_required",
    status=Status.FAIL,
    title="A required value is empty",
    explanation=(
        "The spec needs a value in this column, but the row leaves it empty. "
        "The vendor may skip the whole row."
    ),
    fix=(
        "Fill in the value in your student system.",
        "Check that the export maps this column to the right field.",
    ),
    causes=("The field is blank in the student system.", "The export maps the wrong field."),
    confirm="sftpcheck files checks each required column of each row for an empty value.",
)

ORPHAN_REFERENCE = Reason(
    code="files.orphan_reference",
    status=Status.FAIL,
    title="A row links to an id that is not there",
    explanation=(
        "A row points to an id in another file, but that file does not have it. "
        "For example, a roster names a section_id that sections.csv lacks. "
        "The vendor cannot link the row to anything."
    ),
    fix=(
        "Check that both files come from the same export run.",
        "Check that the export filters, such as school or year, match in both files.",
        "Add the missing rows to the target file, or remove the links to them.",
    ),
    causes=(
        "The two files were made at different times.",
        "One export filters out inactive rows and the other does not.",
    ),
    confirm="sftpcheck files checks each linked id against the ids of the target file.",
)

NO_CONTACT = Reason(
    code="files.no_contact",
    status=Status.WARN,
    title="A person has no email and no phone",
    explanation=(
        "A staff member or parent has neither an email nor a phone. "
        "The vendor does not import people it cannot reach, so this person is left out."
    ),
    fix=(
        "Add an email or a phone for this person in your student system.",
        "Check that the export maps the email and phone fields.",
    ),
    causes=(
        "The contact details are blank in the student system.",
        "The export reads the email or phone from the wrong field.",
    ),
    confirm="sftpcheck files checks that each row with contact columns has an email or a phone.",
)

STUDENT_WITHOUT_CLASS = Reason(
    code="files.student_without_class",
    status=Status.WARN,
    title="A student is in no class",
    explanation=(
        "A student is in students.csv but on no line of rosters.csv. The student is "
        "imported, but is in no class, so teachers will not see them."
    ),
    fix=(
        "Check the student's schedule in your student system.",
        "Check that the roster export covers every school and term.",
    ),
    causes=(
        "The student's schedule is not set up yet.",
        "The roster export leaves out a school or a term.",
    ),
    confirm="sftpcheck files looks for each student id among the roster's student ids.",
)

SECTION_WITHOUT_TEACHER = Reason(
    code="files.section_without_teacher",
    status=Status.WARN,
    title="A class has no teacher the vendor can import",
    explanation=(
        "A section names a teacher who is not in staff.csv, or who has no email and no "
        "phone. The vendor does not import that teacher, so the class has no teacher."
    ),
    fix=(
        "Check that the teacher is in staff.csv with the same staff_id.",
        "Add an email or a phone for the teacher in your student system.",
    ),
    causes=(
        "The teacher is new and not in the staff export yet.",
        "The teacher's contact details are blank.",
    ),
    confirm=(
        "sftpcheck files looks up each section's staff_id in staff.csv and checks that "
        "the teacher has an email or a phone."
    ),
)

NOT_TEXT = Reason(
    code="files.not_text",
    status=Status.FAIL,
    title="A file is not a text file at all",
    explanation=(
        "The file has a .csv name, but its bytes are not text. Often it is an Excel "
        "workbook that was saved under a .csv name, or a zip file. The importer cannot "
        "read any row of it."
    ),
    fix=(
        "Open the file in the program that made it.",
        "Use Save As and pick the type 'CSV UTF-8 (Comma delimited)', not Excel Workbook.",
        "Or export the file again from your student system as CSV.",
    ),
    causes=(
        "Someone renamed an .xlsx workbook to .csv instead of saving it as CSV.",
        "The export wrote a zip file or a PDF under a .csv name.",
    ),
    confirm=(
        "sftpcheck files reads the first bytes: a zip or Excel signature, or many zero "
        "and control bytes, means it is not text."
    ),
)

NO_FILES = Reason(
    code="files.no_files",
    status=Status.FAIL,
    title="The folder holds none of the vendor's files",
    explanation=(
        "None of the files the spec lists is in the folder, so there is nothing to "
        "check and nothing the vendor could import. The export may have written to "
        "another folder."
    ),
    fix=(
        "Check that you gave the folder the export job writes to.",
        "Run the export again and check that it wrote the CSV files.",
        "Check that you picked the right spec with --spec.",
    ),
    causes=(
        "The folder is empty because the export failed or has not run yet.",
        "The files use another vendor's names, so a different spec is needed.",
    ),
    confirm="sftpcheck files looks in the folder for each file name in the spec.",
)

BAD_VALUE = Reason(
    code="files.bad_value",
    status=Status.FAIL,
    title="A value breaks the rule for its column",
    explanation=(
        "The spec allows only some values in this column: a fixed list of words, a "
        "pattern, a range, or a date or email format. A row breaks that rule. The "
        "importer may skip the row or stop."
    ),
    fix=(
        "Look at the first line this report names and fix the value there.",
        "Use the exact words the spec lists, with the same capital letters.",
        "Write dates as year-month-day, such as 2026-09-01.",
    ),
    causes=(
        "The student system uses its own words, such as 'staff' for 'teacher'.",
        "A spreadsheet changed a date to 9/1/2026.",
        "A space was typed after a word.",
    ),
    confirm="sftpcheck files checks each distinct value of the column against its rule.",
)

DUPLICATE_ROW = Reason(
    code="files.duplicate_row",
    status=Status.FAIL,
    title="A row repeats another row's key",
    explanation=(
        "The spec says that a set of columns names each row, such as a class and a "
        "student together. Two rows have the same values in all of them. The importer "
        "may reject the file or keep only one of the rows."
    ),
    fix=(
        "Remove the repeated row.",
        "Check the export's query: a join may list the same pair twice.",
    ),
    causes=(
        "The export joins two tables and lists a student twice in one class.",
        "Two exports were pasted into one file.",
    ),
    confirm="sftpcheck files keeps each key it has seen in the file and reports a repeat.",
)

MANIFEST = Reason(
    code="files.manifest",
    status=Status.FAIL,
    title="The OneRoster manifest is missing or does not match the files",
    explanation=(
        "A OneRoster upload must hold a file named manifest.csv. It gives the version "
        "and says for each file if it is bulk, delta or absent. When it is missing, or "
        "names a file that is not there, the importer may reject the whole upload."
    ),
    fix=(
        "Add manifest.csv with the two columns propertyName and value.",
        "List each file as file.users and so on, with bulk, delta or absent.",
        "Mark a file absent only when it is not in the upload.",
    ),
    causes=(
        "The export wrote the CSV files but not the manifest.",
        "A file was added or left out after the manifest was written.",
    ),
    confirm="sftpcheck files reads manifest.csv and compares it with the files present.",
    ask_vendor="Which OneRoster version and which files does your importer take?",
)

BULK_DELTA = Reason(
    code="files.bulk_delta",
    status=Status.FAIL,
    title="Rows do not follow the file's bulk or delta mode",
    explanation=(
        "In OneRoster a bulk file lists every record, so status and dateLastModified "
        "must be blank. A delta file lists only changes, so each row needs both. The "
        "manifest says which mode each file uses."
    ),
    fix=(
        "For a bulk file, leave status and dateLastModified empty on every row.",
        "For a delta file, fill in both on every row.",
        "Or change the file's mode in manifest.csv.",
    ),
    causes=(
        "The export writes deltas, but the manifest says bulk.",
        "The manifest was copied from another export.",
    ),
    confirm=(
        "sftpcheck files reads each file's mode in manifest.csv and checks status and "
        "dateLastModified on every row."
    ),
)

LINK_MISMATCH = Reason(
    code="files.link_mismatch",
    status=Status.FAIL,
    title="A row links to the wrong kind of record",
    explanation=(
        "A row points to a record that is there, but it is the wrong kind. A class names "
        "a district or a department as its school. Or a student is enrolled as a teacher, "
        "or a teacher as a student. The vendor may put the class in no school, or show a "
        "student a teacher's view of the class."
    ),
    fix=(
        "Look up the record this report names in your student system.",
        "Point the link at a real school, or fix the person's role.",
        "Check that the export maps the school and role fields.",
    ),
    causes=(
        "The export writes the district's id where the school's id belongs.",
        "A person's role in the user list and in the class list come from two fields.",
    ),
    confirm=(
        "sftpcheck files looks up each linked record and compares its type or role with "
        "what the row needs."
    ),
)


MASS_REMOVAL = Reason(
    code="files.mass_removal",
    status=Status.FAIL,
    title="Many rows are gone since last time",
    explanation=(
        "Compared with the export sent last time, a file lost all its rows, a whole "
        "school's rows, or more than the set share of its rows (10% unless you set "
        "--max-removed). The vendor would archive or delete those students, staff or "
        "classes. Most vendors stop a sync like this one, and you learn it the next day."
    ),
    fix=(
        "Do not upload this export yet.",
        "Check the export's filters: a school, a year or a term may be left out.",
        "Check that the export ran to the end and wrote every row.",
        "If the change is real, such as a school that left, run once with "
        "--max-removed 100 to accept it.",
    ),
    causes=(
        "The export ran before the data was ready and wrote headers only.",
        "A filter in the export left out one school or one term.",
        "Someone saved the file from a spreadsheet with a filter turned on.",
    ),
    confirm=(
        "sftpcheck files compares each file's ids and row counts with the export checked "
        "last time, or with the folder given with --previous."
    ),
    ask_vendor="How many records may one sync remove before you stop it?",
)

REKEYED = Reason(
    code="files.rekeyed",
    status=Status.FAIL,
    title="Most ids are new, but the count is the same",
    explanation=(
        "Compared with last time, about as many rows are in the file, but most of their "
        "ids are new. The student system now uses other ids for the same people. The "
        "vendor would delete every one of them and make them again, and their history "
        "would be lost."
    ),
    fix=(
        "Do not upload this export yet.",
        "Check which column the export uses for the id. It may now send a state id or a "
        "row number in place of the student number.",
        "If the new ids are meant to stay, ask the vendor how to move records to new ids.",
    ),
    causes=(
        "The export was changed to use another id field.",
        "The student system was moved or upgraded and made new ids.",
    ),
    confirm=(
        "sftpcheck files compares each file's ids with the export checked last time: "
        "more than half of today's ids are new while the count holds."
    ),
    ask_vendor="Can you match records by another field when our ids change?",
)

SECTION_LOST_TEACHER = Reason(
    code="files.section_lost_teacher",
    status=Status.WARN,
    title="A class had a teacher last time and has none now",
    explanation=(
        "This section was in the export last time with a teacher the vendor could "
        "import. Now its teacher is missing from staff.csv, or has no email and no "
        "phone. The class would lose its teacher in the vendor's system."
    ),
    fix=(
        "Check that the teacher is still in the staff export.",
        "Check that the teacher's email or phone is filled in.",
        "If the class really has no teacher now, give it its new teacher first.",
    ),
    causes=(
        "The staff export left out some staff, such as those at one school.",
        "The teacher's email was cleared in the student system.",
    ),
    confirm=(
        "sftpcheck files compares the sections without a teacher now with those of the "
        "export checked last time."
    ),
)

STUDENT_LOST_CLASSES = Reason(
    code="files.student_lost_classes",
    status=Status.WARN,
    title="A student was in a class last time and is in none now",
    explanation=(
        "This student was in at least one class in the export last time. Now the "
        "student is on no line of the roster file. The vendor would take the student "
        "out of every class."
    ),
    fix=(
        "Check the roster export's filters, such as the term or the school.",
        "Check the student's schedule in your student system.",
    ),
    causes=(
        "The roster export left out a term or a school.",
        "The student's schedule was cleared for a change and not put back yet.",
    ),
    confirm=(
        "sftpcheck files compares the students in no class now with those of the export "
        "checked last time."
    ),
)

REASONS: tuple[Reason, ...] = (
    BAD_NAME,
    MISSING,
    EMPTY,
    ENCODING,
    BOM,
    NO_HEADER,
    HEADER_MISMATCH,
    MISSING_COLUMN,
    RAGGED_ROW,
    HIDDEN_CHARACTER,
    EXCEL_MANGLED,
    LEADING_ZEROS,
    DUPLICATE_ID,
    MISSING_REQUIRED,
    ORPHAN_REFERENCE,
    NO_CONTACT,
    STUDENT_WITHOUT_CLASS,
    SECTION_WITHOUT_TEACHER,
    NOT_TEXT,
    NO_FILES,
    BAD_VALUE,
    DUPLICATE_ROW,
    MANIFEST,
    BULK_DELTA,
    LINK_MISMATCH,
    MASS_REMOVAL,
    REKEYED,
    SECTION_LOST_TEACHER,
    STUDENT_LOST_CLASSES,
)
