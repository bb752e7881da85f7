// TinyMCE finds its base URL from the <script> that loaded tinymce.min.js and fetches the theme, model, icons,
// skin and plugins from there by their own names, so those must be reachable next to it on the CDN.
tinymce.init({
    selector: 'textarea#editor',
    plugins: 'lists link table code wordcount',
    toolbar: 'undo redo | bold italic | bullist numlist | link table | code',
    menubar: false,
    promotion: false,
    setup: (editor) => {
        // Browser tests wait for this flag.
        editor.on('init', () => {
            window.editorReady = true;
        });
    },
});
