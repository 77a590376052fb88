import org.mindrot.jbcrypt.BCrypt;

/**
 * Prints the bcrypt hash (cost 12, as the application uses) of the password given as the only argument.
 * Run with jbcrypt on the class path: {@code java -cp jbcrypt-0.4.jar Hash.java <password>}.
 */
public class Hash {
    public static void main(String[] args) {
        System.out.println(BCrypt.hashpw(args[0], BCrypt.gensalt(12)));
    }
}
