// A nightly export job's upload, as SIS vendors write it with JSch: connect, cd, put.
// Usage: java JschUpload.java HOST PORT USER KNOWN_HOSTS REMOTE_DIR ACTION [KEY]
// The password, if any, comes from the environment (CLIENT_PASSWORD), never argv.
// ACTION: upload, upload_preserve (put, then set the time), list.
import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.Session;

public class JschUpload {
    public static void main(String[] args) throws Exception {
        JSch jsch = new JSch();
        jsch.setKnownHosts(args[3]);
        if (args.length > 6) {
            jsch.addIdentity(args[6]);
        }
        Session session = jsch.getSession(args[2], args[0], Integer.parseInt(args[1]));
        String password = System.getenv("CLIENT_PASSWORD");
        if (password != null) {
            session.setPassword(password);
        }
        session.setConfig("StrictHostKeyChecking", "yes");
        session.connect(8000);
        ChannelSftp sftp = (ChannelSftp) session.openChannel("sftp");
        sftp.connect(8000);
        sftp.cd(args[4]);
        if (args[5].equals("list")) {
            System.out.println(sftp.ls("."));
        } else {
            sftp.put("students.csv", "students.csv");
            if (args[5].equals("upload_preserve")) {
                sftp.setMtime("students.csv", 1577836800);
            }
        }
        sftp.disconnect();
        session.disconnect();
    }
}
